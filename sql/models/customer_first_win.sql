-- reads: deals, reps
-- refresh: customer_id
-- A customer's first win: among its deals with status won (not cancelled),
-- the earliest close_date, ties to the smallest deal_id in byte order
-- (DuckDB compares VARCHAR bytewise unless a collation is set: D10 < D9).
-- Two aggregates, not a window: the earliest date per customer, then the
-- smallest deal_id among the deals won that day. A row_number() over every
-- won deal sorted each customer's deals (2.0 s at 10M deals); the roster
-- look-up is made for the first wins only.
CREATE OR REPLACE TABLE customer_first_win AS
WITH first_on AS (
    SELECT customer_id, min(close_date) AS close_date FROM deals
    WHERE status = 'won' AND close_date IS NOT NULL AND customer_id IS NOT NULL
    GROUP BY customer_id
), first AS (
    -- deal_id is unique (deal_keys_unique.sql), so the smallest one names
    -- one deal and arg_min takes that deal's rep.
    SELECT d.customer_id, min(d.deal_id) AS deal_id, arg_min(d.rep_id, d.deal_id) AS rep_id, any_value(d.close_date) AS close_date
    FROM deals d JOIN first_on f USING (customer_id, close_date)
    WHERE d.status = 'won'
    GROUP BY d.customer_id
)
SELECT f.customer_id, f.deal_id, CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE f.rep_id END AS rep_id, f.close_date
FROM first f LEFT JOIN reps r ON r.rep_id = f.rep_id;

-- reads: deals, reps
-- A customer's first win: among its deals with status won (not cancelled),
-- the earliest close_date, ties to the smallest deal_id in byte order
-- (DuckDB compares VARCHAR bytewise unless a collation is set: D10 < D9).
CREATE OR REPLACE TABLE customer_first_win AS
SELECT customer_id, deal_id, rep_id, close_date
FROM (
    SELECT d.customer_id, d.deal_id, CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE d.rep_id END AS rep_id, d.close_date,
           row_number() OVER (PARTITION BY d.customer_id ORDER BY d.close_date, d.deal_id) AS rn
    FROM deals d LEFT JOIN reps r ON r.rep_id = d.rep_id
    WHERE d.status = 'won' AND d.close_date IS NOT NULL AND d.customer_id IS NOT NULL
)
WHERE rn = 1;

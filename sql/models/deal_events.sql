-- reads: deals, reps
-- One row per thing that happened to a deal (metrics.md "Deals"):
--   won        on close_date: status won, or cancelled with a close_date
--   cancelled  on cancel_date (close_date when missing: the deal nets to
--              zero, and cancel_date_missing says so)
--   lost       on close_date: status lost
-- A cancelled deal without close_date never counts; open deals are pipeline.
-- rep_id is the roster rep, or "unknown".
CREATE OR REPLACE TABLE deal_events AS
WITH d AS (
    SELECT d.*, CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE d.rep_id END AS rep_key
    FROM deals d LEFT JOIN reps r ON r.rep_id = d.rep_id
)
SELECT deal_id, customer_id, rep_key AS rep_id, rep_id AS source_rep_id, 'won' AS event, close_date AS event_date,
       amount, created_date, close_date, cancel_date, product, status, false AS cancel_date_missing
FROM d WHERE status IN ('won', 'cancelled') AND close_date IS NOT NULL
UNION ALL
SELECT deal_id, customer_id, rep_key, rep_id, 'cancelled', coalesce(cancel_date, close_date),
       amount, created_date, close_date, cancel_date, product, status, cancel_date IS NULL
FROM d WHERE status = 'cancelled' AND close_date IS NOT NULL
UNION ALL
SELECT deal_id, customer_id, rep_key, rep_id, 'lost', close_date,
       amount, created_date, close_date, cancel_date, product, status, false
FROM d WHERE status = 'lost' AND close_date IS NOT NULL;

-- reads: deals, reps
-- One row per thing that happened to a deal (metrics.md "Deals"):
--   won        on close_date: status won, or cancelled with a close_date
--   cancelled  on cancel_date (close_date when missing: the deal nets to
--              zero, and cancel_date_missing says so)
--   lost       on close_date: status lost
-- A cancelled deal without close_date never counts; open deals are pipeline.
-- rep_id is the roster rep, or "unknown".
-- One pass over deals: each deal meets the events it has in a three-row
-- table, rather than three scans of a materialised CTE (84 s against 29 s
-- at 10M deals).
CREATE OR REPLACE TABLE deal_events AS
SELECT d.deal_id, d.customer_id, CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE d.rep_id END AS rep_id,
       d.rep_id AS source_rep_id, e.event,
       CASE WHEN e.event = 'cancelled' THEN coalesce(d.cancel_date, d.close_date) ELSE d.close_date END AS event_date,
       d.amount, d.created_date, d.close_date, d.cancel_date, d.product, d.status,
       e.event = 'cancelled' AND d.cancel_date IS NULL AS cancel_date_missing
FROM deals d
LEFT JOIN reps r ON r.rep_id = d.rep_id
JOIN (VALUES ('won'), ('cancelled'), ('lost')) e(event)
    ON e.event = d.status OR (e.event = 'won' AND d.status = 'cancelled')
WHERE d.close_date IS NOT NULL;

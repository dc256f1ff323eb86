-- reads: deals, reps
-- One row per thing that happened to a deal (metrics.md "Deals"):
--   won        on close_date: status won, or cancelled with a close_date
--   cancelled  on cancel_date (close_date when missing: the deal nets to
--              zero, and cancel_date_missing says so)
--   lost       on close_date: status lost
-- A cancelled deal without close_date never counts; open deals are pipeline.
-- rep_id is the roster rep, or "unknown".
-- A view, not a table: its readers aggregate it (per month, per customer)
-- and read a few columns each, so copying every deal into a table cost
-- more than reading deals again (transform at M: see docs/performance.md).
-- One pass over deals: each deal meets the events its status has in a
-- four-row table, on an equi-join (a hash join; the earlier condition
-- "event = status OR (won AND cancelled)" ran as a nested-loop join).
CREATE OR REPLACE VIEW deal_events AS
SELECT d.deal_id, d.customer_id, CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE d.rep_id END AS rep_id,
       d.rep_id AS source_rep_id, e.event,
       CASE WHEN e.event = 'cancelled' THEN coalesce(d.cancel_date, d.close_date) ELSE d.close_date END AS event_date,
       d.amount, d.created_date, d.close_date, d.cancel_date, d.product, d.status,
       e.event = 'cancelled' AND d.cancel_date IS NULL AS cancel_date_missing
FROM deals d
LEFT JOIN reps r ON r.rep_id = d.rep_id
JOIN (VALUES ('won', 'won'), ('cancelled', 'won'), ('cancelled', 'cancelled'), ('lost', 'lost')) e(status, event)
    ON e.status = d.status
WHERE d.close_date IS NOT NULL;

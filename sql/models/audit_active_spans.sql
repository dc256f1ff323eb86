-- depends: deal_events
-- reads: deals
-- When each customer is active (metrics.md, Coverage), as closed day spans:
-- active on t when a deal was won on a date in [t - active_days, t], i.e.
-- t in [close, close + active_days]; or when an open deal was created on or
-- before t (or has no created date), i.e. from its created date onwards.
-- Open-ended spans use sentinel dates so every comparison stays a BETWEEN.
CREATE OR REPLACE TABLE audit_active_spans AS
SELECT customer_id, deal_id, 'won' AS reason, close_date AS span_start,
       close_date + CAST(coalesce(getvariable('active_days'), 364) AS INTEGER) AS span_end
FROM deal_events
WHERE event = 'won' AND customer_id IS NOT NULL
UNION ALL
SELECT customer_id, deal_id, 'open', coalesce(created_date, DATE '0001-01-01'), DATE '9999-12-31'
FROM deals
WHERE status = 'open' AND customer_id IS NOT NULL;

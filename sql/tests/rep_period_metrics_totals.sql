-- tests: rep_period_metrics
-- The reps' sales add up to the deal events of each period: nothing is
-- dropped by the attribution to roster reps and "unknown".
WITH events AS (
    SELECT p.period,
           coalesce(sum(e.amount) FILTER (WHERE e.event = 'won'), 0) AS gross,
           coalesce(sum(e.amount) FILTER (WHERE e.event = 'cancelled'), 0) AS cancelled
    FROM periods p LEFT JOIN deal_events e ON e.event_date BETWEEN p.start_date AND p.end_date
    GROUP BY p.period
), reps AS (
    SELECT period, sum(gross_sales) AS gross, sum(cancellations) AS cancelled FROM rep_period_metrics GROUP BY period
)
SELECT e.period, e.gross, r.gross AS rep_gross, e.cancelled, r.cancelled AS rep_cancelled
FROM events e JOIN reps r USING (period)
WHERE e.gross <> r.gross OR e.cancelled <> r.cancelled

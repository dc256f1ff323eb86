-- tests: rep_period_metrics
-- The reps' sales add up to the deal events of each period: nothing is
-- dropped by the attribution to roster reps and "unknown". The events are
-- summed per month, then per period (every period is whole months): a
-- range join of every event with every period cost more than the model.
-- The month's first day is made from year() and month(), at half the cost
-- of date_trunc, once a month rather than once an event.
WITH months AS (
    SELECT make_date(y, m, 1) AS month, gross, cancelled
    FROM (
        SELECT year(event_date) AS y, month(event_date) AS m,
               coalesce(sum(amount) FILTER (WHERE event = 'won'), 0) AS gross,
               coalesce(sum(amount) FILTER (WHERE event = 'cancelled'), 0) AS cancelled
        FROM deal_events GROUP BY ALL
    )
), events AS (
    SELECT p.period, coalesce(sum(m.gross), 0) AS gross, coalesce(sum(m.cancelled), 0) AS cancelled
    FROM periods p LEFT JOIN months m ON m.month BETWEEN p.start_date AND p.end_date
    GROUP BY p.period
), reps AS (
    SELECT period, sum(gross_sales) AS gross, sum(cancellations) AS cancelled FROM rep_period_metrics GROUP BY period
)
SELECT e.period, e.gross, r.gross AS rep_gross, e.cancelled, r.cancelled AS rep_cancelled
FROM events e JOIN reps r USING (period)
WHERE e.gross <> r.gross OR e.cancelled <> r.cancelled

-- tests: rep_period_metrics
-- The reps' sales and deal counts add up to the deal events of each
-- period: nothing is dropped by the attribution to roster reps and
-- "unknown", and the per-month sums the reps' rows come from
-- (rep_month_deals, merged with each day's changes) are what deal_events
-- says now. Every summed column is compared, since a merge that went
-- wrong in one would leave the others right. The events are summed per
-- month, then per period (every period is whole months): a range join of
-- every event with every period cost more than the model.
-- The month's first day is made from year() and month(), at half the cost
-- of date_trunc, once a month rather than once an event.
WITH months AS (
    SELECT make_date(y, m, 1) AS month, gross, cancelled, won, lost, cycle_deals, cycle_days, events
    FROM (
        SELECT year(event_date) AS y, month(event_date) AS m,
               coalesce(sum(amount) FILTER (WHERE event = 'won'), 0) AS gross,
               coalesce(sum(amount) FILTER (WHERE event = 'cancelled'), 0) AS cancelled,
               count(*) FILTER (WHERE event = 'won') AS won,
               count(*) FILTER (WHERE event = 'lost') AS lost,
               count(*) FILTER (WHERE event = 'won' AND created_date IS NOT NULL) AS cycle_deals,
               coalesce(sum(close_date - created_date) FILTER (WHERE event = 'won' AND created_date IS NOT NULL), 0) AS cycle_days,
               count(*) AS events
        FROM deal_events GROUP BY ALL
    )
), events AS (
    SELECT p.period, coalesce(sum(m.gross), 0) AS gross, coalesce(sum(m.cancelled), 0) AS cancelled,
           coalesce(sum(m.won), 0) AS won, coalesce(sum(m.lost), 0) AS lost, coalesce(sum(m.cycle_deals), 0) AS cycle_deals,
           coalesce(sum(m.cycle_days), 0) AS cycle_days, coalesce(sum(m.events), 0) AS events
    FROM periods p LEFT JOIN months m ON m.month BETWEEN p.start_date AND p.end_date
    GROUP BY p.period
), reps AS (
    SELECT period, sum(gross_sales) AS gross, sum(cancellations) AS cancelled, sum(won_deals) AS won, sum(lost_deals) AS lost,
           sum(cycle_deals) AS cycle_deals, sum(cycle_days_sum) AS cycle_days, sum(deal_events) AS events
    FROM rep_period_metrics GROUP BY period
)
SELECT e.period, e.gross, r.gross AS rep_gross, e.cancelled, r.cancelled AS rep_cancelled, e.won, r.won AS rep_won,
       e.lost, r.lost AS rep_lost, e.cycle_deals, r.cycle_deals AS rep_cycle_deals, e.cycle_days, r.cycle_days AS rep_cycle_days,
       e.events, r.events AS rep_events
FROM events e JOIN reps r USING (period)
WHERE e.gross <> r.gross OR e.cancelled <> r.cancelled OR e.won <> r.won OR e.lost <> r.lost
   OR e.cycle_deals <> r.cycle_deals OR e.cycle_days <> r.cycle_days OR e.events <> r.events

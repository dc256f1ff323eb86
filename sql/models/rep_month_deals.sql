-- reads: deals
-- Deal events summed per month and rep as exported (rep_period_metrics
-- charges them to the roster rep or "unknown", as deal_events does): the
-- sales, clawbacks and counts every sales KPI and the pool are sums of.
-- The events are deal_events' (deal_events.sql), read from deals without
-- the view's roster look-up over every event: won on close_date (status
-- won, or cancelled with a close_date), cancelled on cancel_date (on
-- close_date when that is missing), lost on close_date. The data test
-- rep_period_metrics_totals compares the reps' sums with deal_events
-- itself, every run.
-- Every column is a count or a sum, so a new day is merged by what it
-- changed (transform/merge.go, "on changed rows"): its new rows' sums
-- added, the replaced versions' taken away, and a month and rep left
-- with no event deleted, as a full build has no row for it. A day then
-- reads its 60,000 rows at L, not 10M deals.
-- Grouped on the year and month as numbers, the date made once a group.
CREATE OR REPLACE TABLE rep_month_deals AS
WITH events AS (
    SELECT rep_id, close_date AS day, amount, status <> 'lost' AS won, status = 'lost' AS lost, false AS cancelled,
           created_date, close_date
    FROM deals
    WHERE status IN ('won', 'cancelled', 'lost') AND close_date IS NOT NULL
    UNION ALL
    SELECT rep_id, coalesce(cancel_date, close_date), amount, false, false, true, created_date, close_date
    FROM deals
    WHERE status = 'cancelled' AND close_date IS NOT NULL
)
SELECT make_date(y, m, 1) AS month, rep_id, gross_sales, cancellations, won_deals, lost_deals, cycle_deals,
       cycle_days_sum, deal_events
FROM (
    SELECT year(day) AS y, month(day) AS m, rep_id,
           coalesce(sum(amount) FILTER (WHERE won), 0) AS gross_sales,
           coalesce(sum(amount) FILTER (WHERE cancelled), 0) AS cancellations,
           count(*) FILTER (WHERE won) AS won_deals,
           count(*) FILTER (WHERE lost) AS lost_deals,
           count(*) FILTER (WHERE won AND created_date IS NOT NULL) AS cycle_deals,
           coalesce(sum(close_date - created_date) FILTER (WHERE won AND created_date IS NOT NULL), 0) AS cycle_days_sum,
           count(*) AS deal_events
    FROM events
    GROUP BY ALL
);
-- on changed rows:
MERGE INTO rep_month_deals AS c
USING (
    SELECT month, rep_id, sum(gross_sales) AS gross_sales, sum(cancellations) AS cancellations,
           sum(won_deals) AS won_deals, sum(lost_deals) AS lost_deals, sum(cycle_deals) AS cycle_deals,
           sum(cycle_days_sum) AS cycle_days_sum, sum(deal_events) AS deal_events
    FROM (
        SELECT * FROM _new_rows
        UNION ALL
        SELECT month, rep_id, -gross_sales, -cancellations, -won_deals, -lost_deals, -cycle_deals,
               -cycle_days_sum, -deal_events
        FROM _old_rows
    )
    GROUP BY month, rep_id
) AS n ON c.month = n.month AND c.rep_id = n.rep_id
WHEN MATCHED AND c.deal_events + n.deal_events = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET gross_sales = c.gross_sales + n.gross_sales, cancellations = c.cancellations + n.cancellations,
    won_deals = c.won_deals + n.won_deals, lost_deals = c.lost_deals + n.lost_deals, cycle_deals = c.cycle_deals + n.cycle_deals,
    cycle_days_sum = c.cycle_days_sum + n.cycle_days_sum, deal_events = c.deal_events + n.deal_events
WHEN NOT MATCHED THEN INSERT (month, rep_id, gross_sales, cancellations, won_deals, lost_deals, cycle_deals, cycle_days_sum, deal_events)
    VALUES (n.month, n.rep_id, n.gross_sales, n.cancellations, n.won_deals, n.lost_deals, n.cycle_deals, n.cycle_days_sum, n.deal_events);

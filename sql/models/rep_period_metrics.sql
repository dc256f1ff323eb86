-- depends: periods, rep_dim, rep_month_deals, customer_first_win, survey_facts, rep_month_followups, deal_events
-- reads: reps
-- The sums and counts every KPI and the bonus are ratios of, per rep and
-- period (months, quarters and the baseline range alike). Roster reps have
-- a row in every period; "unknown" and "unattributed" only where they have
-- activity. Roll-ups sum these columns and divide afterwards: a ratio of
-- sums, never an average of ratios.
CREATE OR REPLACE TABLE rep_period_metrics AS
-- Facts are summed per rep and month first, then months into periods:
-- every period is whole months (periods.sql), so a period's sums are its
-- months'. An equi-join on the month replaces the range join of every fact
-- with every period, which DuckDB ran as an IEJoin over all facts (two
-- rows per fact for a month and its quarter, more with a baseline).
WITH month_of AS (
    SELECT p.period,
           CAST(unnest(generate_series(CAST(p.start_date AS TIMESTAMP), CAST(p.end_date AS TIMESTAMP), INTERVAL 1 MONTH)) AS DATE) AS month
    FROM periods p
), sales_m AS (
    -- Deal events come summed up per month and rep as exported
    -- (rep_month_deals, where a new day's changes are merged in), and
    -- those rows are charged to their roster rep or "unknown" as
    -- deal_events does: its roster look-up is a join over every event
    -- (8.8M at L).
    SELECT d.month, CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE d.rep_id END AS rep_id,
           sum(d.gross_sales) AS gross_sales, sum(d.cancellations) AS cancellations,
           sum(d.won_deals) AS won_deals, sum(d.lost_deals) AS lost_deals, sum(d.cycle_deals) AS cycle_deals,
           sum(d.cycle_days_sum) AS cycle_days_sum, sum(d.deal_events) AS deal_events
    FROM rep_month_deals d
    LEFT JOIN reps r ON r.rep_id = d.rep_id
    GROUP BY ALL
), sales AS (
    SELECT o.period, s.rep_id,
           sum(s.gross_sales) AS gross_sales, sum(s.cancellations) AS cancellations,
           CAST(sum(s.won_deals) AS BIGINT) AS won_deals, CAST(sum(s.lost_deals) AS BIGINT) AS lost_deals,
           CAST(sum(s.cycle_deals) AS BIGINT) AS cycle_deals, sum(s.cycle_days_sum) AS cycle_days_sum,
           CAST(sum(s.deal_events) AS BIGINT) AS deal_events
    FROM sales_m s JOIN month_of o USING (month)
    GROUP BY ALL
), newc AS (
    SELECT o.period, f.rep_id, CAST(sum(f.n) AS BIGINT) AS new_customers
    FROM (SELECT CAST(date_trunc('month', close_date) AS DATE) AS month, rep_id, count(*) AS n
          FROM customer_first_win GROUP BY ALL) f
    JOIN month_of o USING (month)
    GROUP BY ALL
), fu AS (
    -- Follow-ups are counted per month and rep as exported
    -- (rep_month_followups, where a new day's are merged in), and those
    -- few rows are then charged to their roster rep or "unknown" as
    -- followup_facts does: its roster look-up is a join over every
    -- follow-up (20M at L).
    SELECT o.period, f.rep_id, CAST(sum(f.n) AS BIGINT) AS followups
    FROM (SELECT m.month, CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE m.rep_id END AS rep_id, m.followups AS n
          FROM rep_month_followups m
          LEFT JOIN reps r ON r.rep_id = m.rep_id) f
    JOIN month_of o USING (month)
    GROUP BY ALL
), sv AS (
    SELECT o.period, s.rep_id, CAST(sum(s.responses) AS BIGINT) AS responses,
           CAST(sum(s.satisfied) AS BIGINT) AS satisfied,
           sum(s.score_sum) AS score_sum,
           CAST(sum(s.promoters) AS BIGINT) AS promoters,
           CAST(sum(s.detractors) AS BIGINT) AS detractors
    FROM (SELECT CAST(date_trunc('month', survey_date) AS DATE) AS month, rep_id, count(*) AS responses,
                 count(*) FILTER (WHERE satisfied) AS satisfied,
                 sum(score) AS score_sum,
                 count(*) FILTER (WHERE promoter) AS promoters,
                 count(*) FILTER (WHERE detractor) AS detractors
          FROM survey_facts GROUP BY ALL) s
    JOIN month_of o USING (month)
    GROUP BY ALL
), keys AS (
    SELECT p.period, r.rep_id FROM periods p CROSS JOIN rep_dim r WHERE r.in_roster
    UNION SELECT period, rep_id FROM sales
    UNION SELECT period, rep_id FROM newc
    UNION SELECT period, rep_id FROM fu
    UNION SELECT period, rep_id FROM sv
)
SELECT k.period, p.kind, p.start_date, p.end_date, k.rep_id,
       coalesce(s.gross_sales, 0)::DECIMAL(38,2) AS gross_sales,
       coalesce(s.cancellations, 0)::DECIMAL(38,2) AS cancellations,
       (coalesce(s.gross_sales, 0) - coalesce(s.cancellations, 0))::DECIMAL(38,2) AS net_sales,
       coalesce(s.won_deals, 0) AS won_deals,
       coalesce(s.lost_deals, 0) AS lost_deals,
       coalesce(s.cycle_deals, 0) AS cycle_deals,
       coalesce(s.cycle_days_sum, 0) AS cycle_days_sum,
       coalesce(s.deal_events, 0) AS deal_events,
       coalesce(n.new_customers, 0) AS new_customers,
       coalesce(f.followups, 0) AS followups,
       coalesce(v.responses, 0) AS responses,
       coalesce(v.satisfied, 0) AS satisfied,
       coalesce(v.score_sum, 0) AS score_sum,
       coalesce(v.promoters, 0) AS promoters,
       coalesce(v.detractors, 0) AS detractors
FROM keys k
JOIN periods p USING (period)
LEFT JOIN sales s USING (period, rep_id)
LEFT JOIN newc n USING (period, rep_id)
LEFT JOIN fu f USING (period, rep_id)
LEFT JOIN sv v USING (period, rep_id);

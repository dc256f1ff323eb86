-- depends: periods, rep_dim, deal_events, customer_first_win, followup_facts, survey_facts
-- The sums and counts every KPI and the bonus are ratios of, per rep and
-- period (months, quarters and the baseline range alike). Roster reps have
-- a row in every period; "unknown" and "unattributed" only where they have
-- activity. Roll-ups sum these columns and divide afterwards: a ratio of
-- sums, never an average of ratios.
CREATE OR REPLACE TABLE rep_period_metrics AS
WITH sales AS (
    SELECT p.period, e.rep_id,
           coalesce(sum(e.amount) FILTER (WHERE e.event = 'won'), 0) AS gross_sales,
           coalesce(sum(e.amount) FILTER (WHERE e.event = 'cancelled'), 0) AS cancellations,
           count(*) FILTER (WHERE e.event = 'won') AS won_deals,
           count(*) FILTER (WHERE e.event = 'lost') AS lost_deals,
           count(*) FILTER (WHERE e.event = 'won' AND e.created_date IS NOT NULL) AS cycle_deals,
           coalesce(sum(e.close_date - e.created_date) FILTER (WHERE e.event = 'won' AND e.created_date IS NOT NULL), 0) AS cycle_days_sum,
           count(*) AS deal_events
    FROM deal_events e JOIN periods p ON e.event_date BETWEEN p.start_date AND p.end_date
    GROUP BY ALL
), newc AS (
    SELECT p.period, f.rep_id, count(*) AS new_customers
    FROM customer_first_win f JOIN periods p ON f.close_date BETWEEN p.start_date AND p.end_date
    GROUP BY ALL
), fu AS (
    SELECT p.period, f.rep_id, count(*) AS followups
    FROM followup_facts f JOIN periods p ON f.followup_date BETWEEN p.start_date AND p.end_date
    GROUP BY ALL
), sv AS (
    SELECT p.period, s.rep_id, count(*) AS responses,
           count(*) FILTER (WHERE s.satisfied) AS satisfied,
           sum(s.score) AS score_sum,
           count(*) FILTER (WHERE s.promoter) AS promoters,
           count(*) FILTER (WHERE s.detractor) AS detractors
    FROM survey_facts s JOIN periods p ON s.survey_date BETWEEN p.start_date AND p.end_date
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

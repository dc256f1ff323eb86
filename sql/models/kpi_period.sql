-- depends: kpi_rep_period, rep_dim, periods
-- The KPI file's rows for every period: one per rep (every roster rep;
-- "unknown" and "unattributed" when they have activity), team, region and
-- the company. Team, region and company rows sum the reps' sums and counts
-- and divide afterwards (a ratio of sums, never an average of ratios).
-- The DOUBLE rates are for charts and ad-hoc queries; the KPI files take
-- exact rates from the sums (reports.LoadKPIs).
CREATE OR REPLACE TABLE kpi_period AS
WITH base AS (
    SELECT k.*, r.name, r.team, r.region, r.in_roster FROM kpi_rep_period k JOIN rep_dim r USING (rep_id)
), grouped AS (
    SELECT period, kind, start_date, end_date,
           CASE WHEN GROUPING(rep_id) = 0 THEN 'rep' WHEN GROUPING(team) = 0 THEN 'team'
                WHEN GROUPING(region) = 0 THEN 'region' ELSE 'company' END AS level,
           CASE WHEN GROUPING(rep_id) = 0 THEN rep_id WHEN GROUPING(team) = 0 THEN team
                WHEN GROUPING(region) = 0 THEN region ELSE 'company' END AS key,
           CASE WHEN GROUPING(rep_id) = 0 THEN any_value(name) WHEN GROUPING(team) = 0 THEN team
                WHEN GROUPING(region) = 0 THEN region ELSE 'company' END AS name,
           sum(gross_sales)::DECIMAL(38,2) AS gross_sales, sum(cancellations)::DECIMAL(38,2) AS cancellations,
           sum(net_sales)::DECIMAL(38,2) AS net_sales,
           sum(won_deals)::BIGINT AS won_deals, sum(lost_deals)::BIGINT AS lost_deals,
           sum(cycle_deals)::BIGINT AS cycle_deals, sum(cycle_days_sum)::BIGINT AS cycle_days_sum,
           sum(new_customers)::BIGINT AS new_customers, sum(followups)::BIGINT AS followups,
           sum(leads)::BIGINT AS leads, sum(converted_leads)::BIGINT AS converted_leads,
           bool_or(conversion_provisional) AS conversion_provisional,
           sum(responses)::BIGINT AS responses, sum(satisfied)::BIGINT AS satisfied,
           sum(score_sum)::BIGINT AS score_sum, sum(promoters)::BIGINT AS promoters, sum(detractors)::BIGINT AS detractors,
           count(*) AS reps
    FROM base
    GROUP BY GROUPING SETS ((period, kind, start_date, end_date, rep_id),
                            (period, kind, start_date, end_date, team),
                            (period, kind, start_date, end_date, region),
                            (period, kind, start_date, end_date))
)
SELECT *,
       CASE WHEN won_deals + lost_deals > 0 THEN won_deals / (won_deals + lost_deals) END AS win_rate,
       CASE WHEN followups > 0 THEN CAST(gross_sales AS DOUBLE) / followups END AS efficiency,
       CASE WHEN won_deals > 0 THEN followups / won_deals END AS followups_per_won_deal,
       CASE WHEN cycle_deals > 0 THEN cycle_days_sum / cycle_deals END AS avg_cycle_days,
       CASE WHEN leads > 0 THEN converted_leads / leads END AS lead_conversion,
       CASE WHEN responses > 0 THEN satisfied / responses END AS csat,
       CASE WHEN responses > 0 THEN score_sum / responses END AS avg_score,
       CASE WHEN responses > 0 AND getvariable('survey_scale') = 10 THEN 100 * (promoters - detractors) / responses END AS nps
FROM grouped
-- Team and region rows exist only for the roster's teams and regions.
WHERE NOT (level IN ('team', 'region') AND key IS NULL);

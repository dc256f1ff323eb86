-- depends: rep_period_metrics, lead_facts, periods
-- Every sum and count a KPI is a ratio of, per rep and period: the
-- rep_period_metrics columns plus the leads of metrics.md, and whether the
-- period's conversion is still provisional (P.end + W > as_of). A lead is a
-- follow-up dated in P, so its rep already has a row here.
CREATE OR REPLACE TABLE kpi_rep_period AS
WITH leads AS (
    SELECT p.period, l.rep_id, count(*) AS leads, count(*) FILTER (WHERE l.converted) AS converted_leads
    FROM lead_facts l JOIN periods p ON l.first_touch_date BETWEEN p.start_date AND p.end_date
    WHERE l.is_lead
    GROUP BY ALL
)
SELECT m.*, coalesce(l.leads, 0) AS leads, coalesce(l.converted_leads, 0) AS converted_leads,
       m.end_date + CAST(getvariable('lead_window_days') AS INTEGER) > CAST(getvariable('as_of') AS DATE) AS conversion_provisional
FROM rep_period_metrics m LEFT JOIN leads l USING (period, rep_id);

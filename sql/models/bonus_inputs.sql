-- depends: rep_period_metrics, rep_dim, company_month
-- The x values of bonus.md per month: a row for every roster rep (eligible
-- or not) and for "unknown" when deals of reps missing from the roster
-- touch the month. Eligible: in the roster, hired on or before month end,
-- not left before month end.
CREATE OR REPLACE TABLE bonus_inputs AS
SELECT m.period, m.start_date, m.end_date, m.rep_id, r.name, r.team, r.region, r.in_roster,
       r.in_roster
           AND (r.hire_date IS NULL OR r.hire_date <= m.end_date)
           AND (r.leave_date IS NULL OR r.leave_date >= m.end_date) AS eligible,
       CASE
           WHEN NOT r.in_roster THEN 'not in the roster'
           WHEN r.hire_date > m.end_date THEN 'hired after month end'
           WHEN r.leave_date < m.end_date THEN 'left before month end'
       END AS excluded_reason,
       m.gross_sales, m.cancellations, m.net_sales, m.won_deals, m.new_customers, m.responses, m.satisfied
FROM rep_period_metrics m JOIN rep_dim r USING (rep_id)
WHERE m.kind = 'month' AND (r.in_roster OR (m.rep_id = 'unknown' AND m.deal_events > 0));

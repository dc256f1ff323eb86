-- depends: periods, deal_events
-- Company sales per month: every deal, including those of reps who are not
-- eligible or not in the roster. The bonus pool is a share of net_sales.
CREATE OR REPLACE TABLE company_month AS
SELECT p.period, p.start_date, p.end_date,
       coalesce(sum(e.amount) FILTER (WHERE e.event = 'won'), 0)::DECIMAL(38,2) AS gross_sales,
       coalesce(sum(e.amount) FILTER (WHERE e.event = 'cancelled'), 0)::DECIMAL(38,2) AS cancellations,
       (coalesce(sum(e.amount) FILTER (WHERE e.event = 'won'), 0)
        - coalesce(sum(e.amount) FILTER (WHERE e.event = 'cancelled'), 0))::DECIMAL(38,2) AS net_sales
FROM periods p LEFT JOIN deal_events e ON e.event_date BETWEEN p.start_date AND p.end_date
WHERE p.kind = 'month'
GROUP BY ALL;

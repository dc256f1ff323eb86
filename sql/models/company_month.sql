-- depends: periods, deal_events
-- Company sales per month: every deal, including those of reps who are not
-- eligible or not in the roster. The bonus pool is a share of net_sales.
-- The events are summed per month first and joined on the month's first
-- day: a range join of every event with every month cost an IEJoin over
-- all events. The month's first day is made from year() and month(), at
-- half the cost of date_trunc.
CREATE OR REPLACE TABLE company_month AS
WITH m AS (
    SELECT make_date(year(e.event_date), month(e.event_date), 1) AS start_date,
           sum(e.amount) FILTER (WHERE e.event = 'won') AS gross_sales,
           sum(e.amount) FILTER (WHERE e.event = 'cancelled') AS cancellations
    FROM deal_events e
    GROUP BY ALL
)
SELECT p.period, p.start_date, p.end_date,
       coalesce(m.gross_sales, 0)::DECIMAL(38,2) AS gross_sales,
       coalesce(m.cancellations, 0)::DECIMAL(38,2) AS cancellations,
       (coalesce(m.gross_sales, 0) - coalesce(m.cancellations, 0))::DECIMAL(38,2) AS net_sales
FROM periods p LEFT JOIN m USING (start_date)
WHERE p.kind = 'month';

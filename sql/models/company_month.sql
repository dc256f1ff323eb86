-- depends: periods, rep_period_metrics
-- Company sales per month: every deal, including those of reps who are not
-- eligible or not in the roster. The bonus pool is a share of net_sales.
-- The reps' month rows are summed, not the deal events again: every event
-- is charged to one rep_period_metrics row (a roster rep or "unknown"),
-- and the data test rep_period_metrics_totals, which runs before this
-- model, compares those rows with the deal events of every period, so a
-- pool can only be built from reps' sums that add up to the company's.
-- Summing the events again here read every deal a second time (0.6 s a
-- run at 10M deals, incremental day included).
-- Every month of periods has a row, with zeros where nothing happened.
CREATE OR REPLACE TABLE company_month AS
WITH m AS (
    SELECT period, sum(gross_sales) AS gross_sales, sum(cancellations) AS cancellations
    FROM rep_period_metrics
    WHERE kind = 'month'
    GROUP BY period
)
SELECT p.period, p.start_date, p.end_date,
       coalesce(m.gross_sales, 0)::DECIMAL(38,2) AS gross_sales,
       coalesce(m.cancellations, 0)::DECIMAL(38,2) AS cancellations,
       (coalesce(m.gross_sales, 0) - coalesce(m.cancellations, 0))::DECIMAL(38,2) AS net_sales
FROM periods p LEFT JOIN m USING (period)
WHERE p.kind = 'month';

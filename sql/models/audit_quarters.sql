-- depends: periods
-- The quarters the audit covers (audit.md): every quarter of `periods` that
-- has begun by as_of. audit_end is the last day the audit looks at: the
-- quarter's end, or as_of for the quarter still running, so a day that has
-- not happened yet is never a gap in follow-up. prev_period is the quarter
-- before, for the report's comparison.
CREATE OR REPLACE TABLE audit_quarters AS
WITH v AS (SELECT CAST(getvariable('as_of') AS DATE) AS as_of)
SELECT q.period, q.start_date, q.end_date,
       least(q.end_date, coalesce(v.as_of, q.end_date)) AS audit_end,
       prev.period AS prev_period
FROM periods q CROSS JOIN v
LEFT JOIN periods prev ON prev.kind = 'quarter' AND prev.end_date = q.start_date - 1
WHERE q.kind = 'quarter' AND (v.as_of IS NULL OR q.start_date <= v.as_of);

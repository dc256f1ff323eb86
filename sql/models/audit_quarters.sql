-- depends: periods
-- The quarters the audit covers (audit.md): every quarter of `periods` that
-- has begun by as_of. audit_end is the last day the audit looks at: the
-- quarter's end, or as_of for the quarter still running, so a day that has
-- not happened yet is never a gap in follow-up. prev_period is the quarter
-- before, for the report's comparison. due_date is when its findings'
-- responses are due: audit_end + audit_response_days, so a rerun of a
-- finished quarter does not move it (audit_findings, a view, reads it
-- here, where the parameter is set).
-- A quarterly audit sets audit_period, and then only the quarters its
-- reports read are audited: that quarter and the one before (the report's
-- comparison, repeats and follow-up). The dashboard's year-ago audit score
-- is what the audit of that quarter reported (warehouse/schema.sql,
-- audit_scores), not computed again here.
-- Every audit model is computed per row of this table, so this is the one
-- place that bounds the audit's work, which otherwise grows with history.
-- Without audit_period (a bare transform) every quarter is audited.
CREATE OR REPLACE TABLE audit_quarters AS
WITH v AS (SELECT CAST(getvariable('as_of') AS DATE) AS as_of, CAST(getvariable('audit_period') AS VARCHAR) AS audited,
                  CAST(coalesce(getvariable('audit_response_days'), 14) AS INTEGER) AS response_days)
SELECT q.period, q.start_date, q.end_date,
       least(q.end_date, coalesce(v.as_of, q.end_date)) AS audit_end,
       prev.period AS prev_period,
       least(q.end_date, coalesce(v.as_of, q.end_date)) + v.response_days AS due_date
FROM periods q CROSS JOIN v
LEFT JOIN periods prev ON prev.kind = 'quarter' AND prev.end_date = q.start_date - 1
WHERE q.kind = 'quarter' AND (v.as_of IS NULL OR q.start_date <= v.as_of)
  AND (v.audited IS NULL OR EXISTS (
      SELECT 1 FROM periods a
      WHERE a.kind = 'quarter' AND a.period = v.audited
        AND q.start_date IN (a.start_date, CAST(a.start_date - INTERVAL 3 MONTH AS DATE))));

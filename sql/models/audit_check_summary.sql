-- depends: audit_opp_counts, audit_checks, audit_quarters
-- Per quarter and check, company-wide: findings, opportunities and their
-- rate (a ratio of sums, over counted opportunities: no pending window, no
-- waived finding; audit_opp_counts), the pending and waived ones, with the quarter before. Every check has a row in
-- every audited quarter, with 0 opportunities where there was nothing to check.
CREATE OR REPLACE TABLE audit_check_summary AS
WITH cur AS (
    SELECT period, check_id, CAST(sum(findings) AS BIGINT) AS findings, CAST(sum(opportunities) AS BIGINT) AS opportunities,
           CAST(sum(pending) AS BIGINT) AS pending, CAST(sum(waived) AS BIGINT) AS waived
    FROM audit_opp_counts GROUP BY ALL
), grid AS (
    SELECT q.period, q.prev_period, c.check_id, c.severity, c.weight, c.sort
    FROM audit_quarters q CROSS JOIN audit_checks c
)
SELECT g.period, g.check_id, g.severity, g.weight, g.sort,
       coalesce(x.findings, 0) AS findings, coalesce(x.opportunities, 0) AS opportunities,
       coalesce(x.pending, 0) AS pending, coalesce(x.waived, 0) AS waived,
       CASE WHEN x.opportunities > 0 THEN x.findings / x.opportunities END AS rate,
       g.prev_period,
       CASE WHEN g.prev_period IS NOT NULL THEN coalesce(p.findings, 0) END AS prev_findings,
       CASE WHEN g.prev_period IS NOT NULL THEN coalesce(p.opportunities, 0) END AS prev_opportunities,
       CASE WHEN p.opportunities > 0 THEN p.findings / p.opportunities END AS prev_rate
FROM grid g
LEFT JOIN cur x ON x.period = g.period AND x.check_id = g.check_id
LEFT JOIN cur p ON p.period = g.prev_period AND p.check_id = g.check_id;

-- depends: audit_opp_counts, audit_checks, audit_quarters
-- Per quarter, rep and check: findings, opportunities and their rate, with
-- the same figures of the quarter before. Pending windows and waived
-- findings are not counted (audit_opp_counts). A row exists only where the rep
-- had opportunities for the check in the quarter or the one before.
CREATE OR REPLACE TABLE audit_rep_scores AS
WITH cur AS (
    SELECT period, rep_id, check_id, findings, opportunities, pending, waived FROM audit_opp_counts
), keys AS (
    SELECT period, rep_id, check_id FROM cur
    UNION
    SELECT q.period, p.rep_id, p.check_id FROM audit_quarters q JOIN cur p ON p.period = q.prev_period
)
SELECT k.period, k.rep_id, k.check_id, c.weight,
       coalesce(x.findings, 0) AS findings, coalesce(x.opportunities, 0) AS opportunities,
       CASE WHEN x.opportunities > 0 THEN x.findings / x.opportunities END AS rate,
       q.prev_period,
       CASE WHEN q.prev_period IS NOT NULL THEN coalesce(p.findings, 0) END AS prev_findings,
       CASE WHEN q.prev_period IS NOT NULL THEN coalesce(p.opportunities, 0) END AS prev_opportunities,
       CASE WHEN p.opportunities > 0 THEN p.findings / p.opportunities END AS prev_rate
FROM keys k
JOIN audit_quarters q USING (period)
JOIN audit_checks c USING (check_id)
LEFT JOIN cur x ON x.period = k.period AND x.rep_id = k.rep_id AND x.check_id = k.check_id
LEFT JOIN cur p ON p.period = q.prev_period AND p.rep_id = k.rep_id AND p.check_id = k.check_id;

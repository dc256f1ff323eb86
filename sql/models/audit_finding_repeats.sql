-- depends: audit_opportunities, audit_quarters
-- The repeat links of audit_findings: a finding whose check failed on the
-- same thing (opportunity_key) the quarter before, with that quarter's
-- finding id. Found on the failed opportunities' keys alone: joining the
-- quarter before's opportunities to the findings' whole rows (texts and
-- all) ran out of memory at the default limit with 10 million deals. A
-- table, though small (11,000 rows at 10 million deals), because every
-- read of the audit_findings view joins it, and finding it again there
-- would join the quarters' four million failed keys each time.
CREATE OR REPLACE TABLE audit_finding_repeats AS
WITH failed AS (
    SELECT period, check_id, opportunity_key, finding_id FROM audit_opportunities WHERE failed
)
SELECT f.finding_id, p.finding_id AS prev_finding_id
FROM failed f
JOIN audit_quarters q USING (period)
JOIN failed p ON p.period = q.prev_period AND p.check_id = f.check_id AND p.opportunity_key = f.opportunity_key;

-- tests: audit_opportunities
-- One opportunity per check and thing checked in a quarter; every one
-- charged to a rep of rep_dim; a failed one says why; a pending one is
-- not failed and names the day its window closes; finding ids are unique.
-- Duplicates are looked for on one 64-bit hash per row, then confirmed on
-- the keys themselves: grouping the keys as strings (33 million at 10
-- million deals) was most of this test's time.
WITH dup_keys AS (
    SELECT hash(period, check_id, opportunity_key) AS h FROM audit_opportunities GROUP BY h HAVING count(*) > 1
), dup_ids AS (
    SELECT hash(finding_id) AS h FROM audit_opportunities WHERE finding_id IS NOT NULL GROUP BY h HAVING count(*) > 1
)
SELECT period, check_id, opportunity_key, 'duplicate opportunity' AS problem
FROM audit_opportunities WHERE hash(period, check_id, opportunity_key) IN (SELECT h FROM dup_keys)
GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT o.period, o.check_id, o.opportunity_key, 'rep not in rep_dim: ' || coalesce(o.rep_id, 'NULL')
FROM audit_opportunities o LEFT JOIN rep_dim r USING (rep_id) WHERE r.rep_id IS NULL
UNION ALL
SELECT period, check_id, opportunity_key, 'finding without detail'
FROM audit_opportunities WHERE failed AND (detail IS NULL OR detail_zh IS NULL OR date IS NULL)
UNION ALL
SELECT period, check_id, opportunity_key, 'failed is null' FROM audit_opportunities WHERE failed IS NULL
UNION ALL
SELECT period, check_id, opportunity_key, 'pending but failed, or without window_closes'
FROM audit_opportunities WHERE pending AND (failed OR window_closes IS NULL)
UNION ALL
SELECT any_value(period), any_value(check_id), finding_id, 'finding_id shared by two opportunities'
FROM audit_opportunities WHERE finding_id IS NOT NULL AND hash(finding_id) IN (SELECT h FROM dup_ids)
GROUP BY finding_id HAVING count(*) > 1
UNION ALL
SELECT period, check_id, opportunity_key, 'failed or pending without a finding_id'
FROM audit_opportunities WHERE (failed OR pending) AND finding_id IS NULL

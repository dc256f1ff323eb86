-- tests: audit_opportunities
-- Every opportunity charged to a rep of rep_dim; a failed one says why; a
-- pending one is not failed and names the day its window closes; a failed
-- or pending one has a finding id.
SELECT o.period, o.check_id, o.opportunity_key, 'rep not in rep_dim: ' || coalesce(o.rep_id, 'NULL') AS problem
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
SELECT period, check_id, opportunity_key, 'failed or pending without a finding_id'
FROM audit_opportunities WHERE (failed OR pending) AND finding_id IS NULL

-- tests: audit_opportunities
-- Every listed opportunity failed or is pending; a failed one says why; a
-- pending one is not failed and names the day its window closes; each has
-- a finding id. (Its rep and whether it was judged at all are checked over
-- every opportunity, audit_opp_counts_rows.sql.)
SELECT period, check_id, opportunity_key, 'listed but neither failed nor pending' AS problem
FROM audit_opportunities WHERE NOT coalesce(failed OR pending, false)
UNION ALL
SELECT period, check_id, opportunity_key, 'finding without detail'
FROM audit_opportunities WHERE failed AND (detail IS NULL OR detail_zh IS NULL OR date IS NULL)
UNION ALL
SELECT period, check_id, opportunity_key, 'pending but failed, or without window_closes'
FROM audit_opportunities WHERE pending AND (failed OR window_closes IS NULL)
UNION ALL
SELECT period, check_id, opportunity_key, 'failed or pending without a finding_id'
FROM audit_opportunities WHERE (failed OR pending) AND finding_id IS NULL

-- tests: audit_opportunities
-- Every listed opportunity failed or is pending; a failed one says why; a
-- pending one is not failed and names the day its window closes; each has
-- a finding id. (Its rep and whether it was judged at all are checked over
-- every opportunity, audit_opp_counts_rows.sql.) One pass over the view:
-- each SELECT of it reads the five audit_opp_* tables again.
SELECT period, check_id, opportunity_key, problem
FROM (
    SELECT period, check_id, opportunity_key,
           CASE WHEN NOT coalesce(failed OR pending, false) THEN 'listed but neither failed nor pending'
                WHEN failed AND (detail IS NULL OR detail_zh IS NULL OR date IS NULL) THEN 'finding without detail'
                WHEN pending AND (failed OR window_closes IS NULL) THEN 'pending but failed, or without window_closes'
                WHEN finding_id IS NULL THEN 'failed or pending without a finding_id' END AS problem
    FROM audit_opportunities
)
WHERE problem IS NOT NULL

-- tests: audit_opp_counts
-- Every opportunity charged to a rep of rep_dim (each rep of an
-- opportunity has a row of audit_opp_counts), judged (failed not null),
-- and with a finding id only when failed or pending: audit_opp_counts
-- counts a row audit_opportunities does not list as counted, which holds
-- only if no waiver can name it.
SELECT c.period, c.check_id, CAST(NULL AS VARCHAR) AS opportunity_key, 'rep not in rep_dim: ' || coalesce(c.rep_id, 'NULL') AS problem
FROM audit_opp_counts c LEFT JOIN rep_dim r USING (rep_id) WHERE r.rep_id IS NULL
UNION ALL
SELECT period, check_id, opportunity_key, 'failed is null' FROM audit_opp_customers WHERE failed IS NULL
UNION ALL
SELECT period, check_id, opportunity_key, 'failed is null' FROM audit_opp_followups WHERE failed IS NULL
UNION ALL
SELECT period, check_id, opportunity_key, 'failed is null' FROM audit_opp_deals WHERE failed IS NULL
UNION ALL
SELECT period, check_id, opportunity_key, 'failed is null' FROM audit_opp_complaints WHERE failed IS NULL
UNION ALL
SELECT period, check_id, opportunity_key, 'failed is null' FROM audit_opp_data WHERE failed IS NULL
UNION ALL
SELECT period, check_id, opportunity_key, 'finding id but neither failed nor pending'
FROM audit_opp_customers WHERE finding_id IS NOT NULL AND NOT failed
UNION ALL
SELECT period, check_id, opportunity_key, 'finding id but neither failed nor pending'
FROM audit_opp_followups WHERE finding_id IS NOT NULL AND NOT failed AND NOT coalesce(pending, false)
UNION ALL
SELECT period, check_id, opportunity_key, 'finding id but neither failed nor pending'
FROM audit_opp_deals WHERE finding_id IS NOT NULL AND NOT failed AND NOT coalesce(pending, false)
UNION ALL
SELECT period, check_id, opportunity_key, 'finding id but neither failed nor pending'
FROM audit_opp_complaints WHERE finding_id IS NOT NULL AND NOT failed AND NOT coalesce(pending, false)
UNION ALL
SELECT period, check_id, opportunity_key, 'finding id but neither failed nor pending'
FROM audit_opp_data WHERE finding_id IS NOT NULL AND NOT failed

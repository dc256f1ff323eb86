-- tests: audit_opportunities
-- threads: 1
-- Finding ids are unique (audit_opp_counts_keys.sql says why this
-- aggregate has a test of its own).
SELECT any_value(period) AS period, any_value(check_id) AS check_id, finding_id AS opportunity_key,
       'finding_id shared by two opportunities' AS problem
FROM audit_opportunities WHERE finding_id IS NOT NULL GROUP BY finding_id HAVING count(*) > 1

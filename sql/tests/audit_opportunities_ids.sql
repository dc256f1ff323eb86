-- tests: audit_opportunities
-- threads: 1
-- Finding ids are unique. As in audit_opp_counts_keys.sql, only the ids
-- whose 64-bit hash repeats among the sorted hashes are grouped: grouping
-- the 5.5 million ids of 10 million deals inside the transform's
-- transaction ran out of the default memory_limit (with
-- audit_opportunities a view, 6ab8d53); eight bytes an id sort within it.
WITH hashes AS (
    SELECT h, lag(h) OVER (ORDER BY h) AS prev
    FROM (SELECT hash(finding_id) AS h FROM audit_opportunities WHERE finding_id IS NOT NULL)
)
SELECT any_value(period) AS period, any_value(check_id) AS check_id, finding_id AS opportunity_key,
       'finding_id shared by two opportunities' AS problem
FROM audit_opportunities
WHERE finding_id IS NOT NULL AND hash(finding_id) IN (SELECT h FROM hashes WHERE h = prev)
GROUP BY finding_id HAVING count(*) > 1

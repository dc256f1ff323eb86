-- depends: coverage_customers, rep_dim
-- Follow-up coverage on as_of per rep, team, region and company: covered
-- active customers ÷ active customers (null when none), a ratio of sums.
CREATE OR REPLACE TABLE coverage_rep AS
WITH roster AS (
    SELECT r.rep_id, r.team, r.region, c.customer_id, coalesce(c.covered, false) AS covered
    FROM rep_dim r LEFT JOIN coverage_customers c USING (rep_id)
    WHERE r.in_roster OR c.customer_id IS NOT NULL
), grouped AS (
    SELECT CASE WHEN GROUPING(rep_id) = 0 THEN 'rep' WHEN GROUPING(team) = 0 THEN 'team'
                WHEN GROUPING(region) = 0 THEN 'region' ELSE 'company' END AS level,
           CASE WHEN GROUPING(rep_id) = 0 THEN rep_id WHEN GROUPING(team) = 0 THEN team
                WHEN GROUPING(region) = 0 THEN region ELSE 'company' END AS key,
           count(customer_id) AS active_customers,
           count(customer_id) FILTER (WHERE covered) AS covered_customers
    FROM roster
    GROUP BY GROUPING SETS ((rep_id), (team), (region), ())
)
SELECT level, key, active_customers, covered_customers,
       CASE WHEN active_customers > 0 THEN covered_customers / active_customers END AS coverage,
       CAST(getvariable('as_of') AS DATE) AS as_of
FROM grouped
WHERE NOT (level IN ('team', 'region') AND key IS NULL);

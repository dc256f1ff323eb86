-- tests: coverage_rep
-- The company row counts every active customer once; covered ≤ active.
SELECT c.active_customers, (SELECT count(*) FROM coverage_customers) AS customers
FROM coverage_rep c WHERE c.level = 'company'
  AND (c.active_customers <> (SELECT count(*) FROM coverage_customers)
       OR c.covered_customers <> (SELECT count(*) FROM coverage_customers WHERE covered))
UNION ALL
SELECT active_customers, covered_customers FROM coverage_rep WHERE covered_customers > active_customers

-- tests: funnel_period
-- Four stages per period; customers in both stages never exceed either.
SELECT period, count(*) AS stages, 'stage count' AS problem FROM funnel_period GROUP BY period HAVING count(*) <> 4
UNION ALL
SELECT f.period, 0, 'to_next above a stage count' FROM funnel_period f
JOIN funnel_period n ON n.period = f.period AND n.stage = f.next_stage
WHERE f.to_next > f.customers OR f.to_next > n.customers

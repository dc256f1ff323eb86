-- tests: kpi_period
-- One row per (period, level, key); a row for every roster rep in every
-- period; exactly one company row per period.
SELECT period, level, key, count(*) AS n, 'duplicate row' AS problem FROM kpi_period
GROUP BY ALL HAVING count(*) > 1 OR key IS NULL
UNION ALL
SELECT p.period, 'rep', r.rep_id, 0, 'roster rep without a row'
FROM periods p CROSS JOIN rep_dim r
LEFT JOIN kpi_period k ON k.period = p.period AND k.level = 'rep' AND k.key = r.rep_id
WHERE r.in_roster AND k.key IS NULL
UNION ALL
SELECT p.period, 'company', 'company', 0, 'no company row'
FROM periods p LEFT JOIN kpi_period k ON k.period = p.period AND k.level = 'company'
WHERE k.key IS NULL

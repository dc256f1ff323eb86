-- tests: kpi_lifts
-- Every non-baseline KPI row has its lift row.
SELECT k.period, k.level, k.key FROM kpi_period k
LEFT JOIN kpi_lifts l USING (period, level, key)
WHERE k.kind <> 'range' AND l.key IS NULL

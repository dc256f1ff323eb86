-- tests: audit_rep_summary
-- Scores lie in [0, 100]; only roster reps are ranked; one row per rep and
-- quarter; the reps' findings and opportunities add up to all of them.
SELECT period, rep_id, 'score out of range' AS problem FROM audit_rep_summary WHERE score < 0 OR score > 100
UNION ALL
SELECT period, rep_id, 'ranked but not a scored roster rep' FROM audit_rep_summary
WHERE rank IS NOT NULL AND (NOT in_roster OR score IS NULL)
UNION ALL
SELECT period, rep_id, 'duplicate row' FROM audit_rep_summary GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT c.period, NULL, 'findings do not add up' FROM (
    SELECT period, sum(findings) AS f, sum(opportunities) AS o FROM audit_opp_counts GROUP BY period) c
LEFT JOIN (SELECT period, sum(findings) AS f, sum(opportunities) AS o FROM audit_rep_summary GROUP BY period) r USING (period)
WHERE c.f <> coalesce(r.f, 0) OR c.o <> coalesce(r.o, 0)

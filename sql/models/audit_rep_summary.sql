-- depends: audit_rep_scores, audit_quarters, rep_dim, audit_opp_counts
-- Per quarter and rep: the compliance score and rank, with the quarter
-- before.
--   score = 100 x (1 - sum(w_i x rate_i) / sum(w_i)) over the checks in
--   which the rep had opportunities in the quarter (a check with nothing to
--   check says nothing about the rep, so it is left out of the mean rather
--   than counted as perfect). No opportunities at all, or weights summing
--   to 0: no score.
-- The rates are summed in check order: a DOUBLE sum depends on its order,
-- and audit_rep_scores' row order changes from run to run.
-- Roster reps with a score are ranked, best first; equal scores share a
-- rank (1, 2, 2, 4), compared at 9 decimals so float noise cannot split a
-- tie. "unknown" and "unattributed" get a score but no rank: they are not
-- people. Rows: every rep with opportunities in the quarter, and every
-- roster rep employed during it.
CREATE OR REPLACE TABLE audit_rep_summary AS
WITH s AS (
    SELECT period, rep_id,
           sum(findings) AS findings, sum(opportunities) AS opportunities,
           count(*) FILTER (WHERE opportunities > 0) AS checks_counted,
           CASE WHEN sum(weight) FILTER (WHERE opportunities > 0) > 0 THEN
               100 * (1 - sum(weight * rate ORDER BY check_id) FILTER (WHERE opportunities > 0)
                          / sum(weight) FILTER (WHERE opportunities > 0)) END AS score
    FROM audit_rep_scores GROUP BY ALL
), keys AS (
    SELECT period, rep_id FROM s WHERE opportunities > 0
    UNION
    SELECT q.period, r.rep_id FROM audit_quarters q JOIN rep_dim r
      ON r.in_roster AND (r.hire_date IS NULL OR r.hire_date <= q.end_date) AND (r.leave_date IS NULL OR r.leave_date >= q.start_date)
), cur AS (
    SELECT k.period, k.rep_id, d.name, d.team, d.region, coalesce(d.in_roster, false) AS in_roster,
           coalesce(s.findings, 0) AS findings, coalesce(s.opportunities, 0) AS opportunities,
           coalesce(s.checks_counted, 0) AS checks_counted, CAST(s.score AS DOUBLE) AS score
    FROM keys k LEFT JOIN s USING (period, rep_id) LEFT JOIN rep_dim d USING (rep_id)
), ranked AS (
    SELECT *, CASE WHEN in_roster AND score IS NOT NULL THEN
                  rank() OVER (PARTITION BY period, in_roster AND score IS NOT NULL ORDER BY round(score, 9) DESC) END AS rank
    FROM cur
)
SELECT c.period, c.rep_id, c.name, c.team, c.region, c.in_roster, c.findings, c.opportunities, c.checks_counted,
       c.score, c.rank, q.prev_period, p.findings AS prev_findings, p.opportunities AS prev_opportunities,
       p.score AS prev_score, p.rank AS prev_rank, c.score - p.score AS score_change
FROM ranked c
JOIN audit_quarters q USING (period)
LEFT JOIN ranked p ON p.period = q.prev_period AND p.rep_id = c.rep_id;

-- depends: audit_quarters, audit_active_spans
-- reads: followups
-- The heart of A2, reasoned with intervals instead of one row per day.
-- Per quarter and customer active on some day of it (up to audit_end):
--   islands   the customer's active spans clipped to the quarter and merged
--             where they overlap, so no day counts twice;
--   segments  the customer's follow-up dates cut the calendar into runs
--             [f_k, f_k+1 - 1] on which the latest follow-up is f_k, plus
--             the run before the first follow-up, on which there is none;
--   pieces    islands x segments: on a piece the gap day - f_k grows by one
--             a day, so its largest value is at the piece's last day.
-- Results: active_days, days_without (active days with no follow-up on or
-- before them) and last_day_without; max_gap with gap_day (the first day it
-- was reached) and gap_from (the follow-up it is measured from). The cost
-- is in spans and follow-ups, not in days.
CREATE OR REPLACE TABLE audit_followup_gaps AS
WITH clipped AS (
    -- DISTINCT: two spans clipped to the same [a, b] (two wins on one day,
    -- two open deals without a created date) tie in the windows' order
    -- below, and the two windows could order the tie differently: the
    -- second copy then joined the island before, which grew over this one
    -- and counted its days twice (active_days 182 in a 91-day quarter at M).
    SELECT DISTINCT q.period, s.customer_id,
           greatest(s.span_start, q.start_date) AS a, least(s.span_end, q.audit_end) AS b
    FROM audit_quarters q
    JOIN audit_active_spans s ON s.span_start <= q.audit_end AND s.span_end >= q.start_date
), ordered AS (
    SELECT *, max(b) OVER (PARTITION BY period, customer_id ORDER BY a, b
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM clipped
), numbered AS (
    SELECT *, sum(CASE WHEN prev_end IS NULL OR a > prev_end + 1 THEN 1 ELSE 0 END)
                  OVER (PARTITION BY period, customer_id ORDER BY a, b ROWS UNBOUNDED PRECEDING) AS island
    FROM ordered
), islands AS (
    SELECT period, customer_id, min(a) AS a, max(b) AS b FROM numbered GROUP BY period, customer_id, island
), fu AS (
    -- Only the follow-up days that can bound a piece: those from the first
    -- audited quarter's start to the last one's audit_end, and each
    -- customer's last day before that start (the segments of earlier days
    -- end before every island). A day after the last audit_end changes
    -- nothing either: the segment before it ends on or after every b,
    -- as it does without it. A quarterly audit covers its quarter and the
    -- one before: at L a quarter of two years' customer-days to sort.
    -- One grouped pass gives both: a day from the start is its own group,
    -- the days before it share the NULL group, whose max is the last one.
    -- It reads followups, not followup_facts, whose join to the roster
    -- no rep here needs. Two scans (a DISTINCT and a max per customer)
    -- through followup_facts took this model 7.3 to 8.9 s at L, this one
    -- 5.9 to 7.2 s, for the same rows.
    SELECT customer_id, max(d) AS f
    FROM (SELECT f.customer_id, CAST(f.followup_at AS DATE) AS d
          FROM followups f SEMI JOIN (SELECT DISTINCT customer_id FROM islands) i USING (customer_id)
          WHERE CAST(f.followup_at AS DATE) <= (SELECT max(audit_end) FROM audit_quarters))
    GROUP BY customer_id, CASE WHEN d >= (SELECT min(start_date) FROM audit_quarters) THEN d END
), segments AS (
    SELECT customer_id, f AS seg_from,
           coalesce(lead(f) OVER (PARTITION BY customer_id ORDER BY f) - 1, DATE '9999-12-31') AS seg_to, f AS last_fu
    FROM fu
    UNION ALL
    SELECT i.customer_id, DATE '0001-01-01', coalesce(min(fu.f) - 1, DATE '9999-12-31'), NULL
    FROM (SELECT DISTINCT customer_id FROM islands) i LEFT JOIN fu USING (customer_id)
    GROUP BY i.customer_id
), pieces AS (
    SELECT i.period, i.customer_id, greatest(i.a, s.seg_from) AS p_from, least(i.b, s.seg_to) AS p_to, s.last_fu,
           least(i.b, s.seg_to) - s.last_fu AS gap
    FROM islands i JOIN segments s ON s.customer_id = i.customer_id AND s.seg_from <= i.b AND s.seg_to >= i.a
)
SELECT period, customer_id,
       sum(p_to - p_from + 1) AS active_days,
       coalesce(sum(p_to - p_from + 1) FILTER (WHERE last_fu IS NULL), 0) AS days_without,
       max(p_to) FILTER (WHERE last_fu IS NULL) AS last_day_without,
       max(gap) AS max_gap,
       -- The piece of the longest gap, the first one on a tie. A
       -- customer's pieces in a quarter never share a last day, so this key
       -- orders them by gap, then earlier last day first, with no tie
       -- left: one aggregate pass, where ranking the pieces by a window
       -- took a third of this model's time at L.
       arg_max(p_to, CAST(gap AS BIGINT) * 1000000 - (p_to - DATE '1970-01-01')) FILTER (WHERE gap IS NOT NULL) AS gap_day,
       arg_max(last_fu, CAST(gap AS BIGINT) * 1000000 - (p_to - DATE '1970-01-01')) FILTER (WHERE gap IS NOT NULL) AS gap_from
FROM pieces
GROUP BY period, customer_id;

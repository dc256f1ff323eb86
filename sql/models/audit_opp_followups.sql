-- depends: audit_quarters, followup_facts
-- Opportunities of the follow-up checks, charged to the follow-up's rep.
-- A3: follow-ups dated in the quarter; a finding when content or result is
--     missing (empty after trimming).
-- A8: follow-ups whose next_followup_date N falls in the quarter; a finding
--     when no other follow-up with that customer (by anyone) is dated in
--     [N, N + planned_grace_days], both ends included. As A7: only a window
--     closed by the quarter's audit_end is judged; a later one is pending
--     there and judged in the quarter in which it closes (carried over).
CREATE OR REPLACE TABLE audit_opp_followups AS
WITH v AS (
    SELECT CAST(coalesce(getvariable('planned_grace_days'), 3) AS INTEGER) AS grace
), a3 AS (
    SELECT q.period, f.*, nullif(trim(f.content), '') IS NULL AS no_content, nullif(trim(f.result), '') IS NULL AS no_result
    FROM audit_quarters q JOIN followup_facts f ON f.followup_date BETWEEN q.start_date AND q.audit_end
), plans AS (
    SELECT f.followup_id, f.customer_id, f.rep_id, f.next_followup_date AS n, f.next_followup_date + v.grace AS n_end,
           CAST(year(f.next_followup_date) AS VARCHAR) || '-Q' || CAST(quarter(f.next_followup_date) AS VARCHAR) AS planned_in
    FROM v CROSS JOIN followup_facts f
    -- Only the plans an audited quarter can judge: due in it, or due up
    -- to grace days before it and closing in it (carried). At L, a
    -- quarter of the 14M plans of two years.
    WHERE f.next_followup_date BETWEEN (SELECT min(start_date) FROM audit_quarters) - v.grace
                                   AND (SELECT max(audit_end) FROM audit_quarters)
), planned AS (
    SELECT q.period, p.*, p.n_end > q.audit_end AS pending, false AS carried
    FROM audit_quarters q JOIN plans p ON p.n BETWEEN q.start_date AND q.audit_end
    UNION ALL
    SELECT q.period, p.*, false, true
    FROM audit_quarters q JOIN plans p ON p.n_end BETWEEN q.start_date AND q.audit_end AND p.n < q.start_date
), cust_days AS (
    -- Each customer's follow-up days, with how many and one id: a plan is
    -- kept on a day that has a follow-up other than the plan's own. Only
    -- the days a window can reach, [start - grace, audit_end + grace] of an
    -- audited quarter (a carried plan's n is at most grace days before the
    -- start): about a quarter of the follow-ups of two years when a
    -- quarterly audit covers its quarter and the one before, and grouping
    -- them all was most of this model's time.
    SELECT f.customer_id, f.followup_date AS day, count(*) AS n, min(f.followup_id) AS one_id
    FROM followup_facts f
    SEMI JOIN (SELECT q.start_date - v.grace AS d0, q.audit_end + v.grace AS d1 FROM audit_quarters q CROSS JOIN v) r
      ON f.followup_date BETWEEN r.d0 AND r.d1
    GROUP BY ALL
), kept AS (
    -- Each plan meets only the days of its window (grace + 1 of them) by an
    -- equi-join, rather than every follow-up of its customer filtered by
    -- range: at 20M follow-ups that join ran out of memory.
    SELECT p.period, p.followup_id, min(d.day) AS kept_on
    FROM (SELECT period, followup_id, customer_id, n, unnest(range(0, n_end - n + 1)) AS k FROM planned) p
    JOIN cust_days d ON d.customer_id = p.customer_id AND d.day = p.n + CAST(p.k AS INTEGER)
    WHERE d.n > 1 OR d.one_id <> p.followup_id
    GROUP BY ALL
), opp AS (
-- A3's passes fold into one row per quarter and rep here, where the
-- check is a scan: n_opps counts the follow-ups a row stands for.
SELECT period, 'A3' AS check_id, rep_id, CASE WHEN failed THEN 'followup:' || followup_id END AS opportunity_key,
       CASE WHEN failed THEN customer_id END AS customer_id, CAST(NULL AS VARCHAR) AS deal_id,
       CASE WHEN failed THEN followup_date END AS date, failed, false AS pending, CAST(NULL AS DATE) AS window_closes,
       CASE WHEN no_content AND no_result THEN 'follow-up ' || followup_id || ' has no content and no result'
            WHEN no_content THEN 'follow-up ' || followup_id || ' has no content'
            WHEN no_result THEN 'follow-up ' || followup_id || ' has no result' END AS detail,
       CASE WHEN no_content AND no_result THEN '跟进记录 ' || followup_id || ' 缺少内容和结果'
            WHEN no_content THEN '跟进记录 ' || followup_id || ' 缺少内容'
            WHEN no_result THEN '跟进记录 ' || followup_id || ' 缺少结果' END AS detail_zh,
       count(*) AS n_opps
FROM (SELECT *, no_content OR no_result AS failed FROM a3)
GROUP BY ALL
UNION ALL
SELECT p.period, 'A8', p.rep_id, 'followup:' || p.followup_id, p.customer_id, NULL, p.n,
       NOT p.pending AND k.kept_on IS NULL, p.pending, p.n_end,
       CASE WHEN p.pending THEN 'follow-up planned for ' || strftime(p.n, '%Y-%m-%d') || ' by ' || p.followup_id
            || ': window open until ' || strftime(p.n_end, '%Y-%m-%d')
            WHEN k.kept_on IS NULL THEN 'follow-up planned for ' || strftime(p.n, '%Y-%m-%d') || ' by ' || p.followup_id
            || ' not kept by ' || strftime(p.n_end, '%Y-%m-%d')
            || CASE WHEN p.carried THEN ' (planned in ' || p.planned_in || ', judged when its window closed)' ELSE '' END END,
       CASE WHEN p.pending THEN '跟进记录 ' || p.followup_id || ' 计划于 ' || strftime(p.n, '%Y-%m-%d')
            || ' 回访，期限至 ' || strftime(p.n_end, '%Y-%m-%d') || '，尚未到期'
            WHEN k.kept_on IS NULL THEN '跟进记录 ' || p.followup_id || ' 计划于 ' || strftime(p.n, '%Y-%m-%d')
            || ' 回访，至 ' || strftime(p.n_end, '%Y-%m-%d') || ' 未回访'
            || CASE WHEN p.carried THEN '（' || p.planned_in || ' 计划，期限届满后检查）' ELSE '' END END,
       1
FROM planned p LEFT JOIN kept k USING (period, followup_id)
)
-- The rule of audit_opportunities.sql: a listed row keeps its key, texts
-- and finding id, a pass only what it is counted by (A3's are folded
-- above).
SELECT period, check_id, rep_id, CASE WHEN listed THEN opportunity_key END AS opportunity_key,
       CASE WHEN listed THEN customer_id END AS customer_id, CASE WHEN listed THEN deal_id END AS deal_id,
       CASE WHEN listed THEN date END AS date, failed, coalesce(pending, false) AS pending, CASE WHEN listed THEN window_closes END AS window_closes,
       CASE WHEN listed THEN detail END AS detail, CASE WHEN listed THEN detail_zh END AS detail_zh,
       CASE WHEN failed OR pending
            THEN check_id || '-' || replace(period, '-', '') || '-' || left(md5(opportunity_key), 12) END AS finding_id,
       n_opps
FROM (SELECT *, failed IS NOT FALSE OR coalesce(pending, false) AS listed FROM opp);

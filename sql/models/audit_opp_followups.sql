-- depends: audit_quarters, followup_facts
-- Opportunities of the follow-up checks, charged to the follow-up's rep.
-- A3: follow-ups dated in the quarter; a finding when content or result is
--     missing (empty after trimming).
-- A8: follow-ups whose next_followup_date N falls in the quarter; a finding
--     when no other follow-up with that customer (by anyone) is dated in
--     [N, N + planned_grace_days], both ends included. Checked against the
--     data as it stands; when the window reaches past as_of the detail says
--     it is still open.
CREATE OR REPLACE TABLE audit_opp_followups AS
WITH v AS (
    SELECT CAST(coalesce(getvariable('planned_grace_days'), 3) AS INTEGER) AS grace,
           CAST(getvariable('as_of') AS DATE) AS as_of
), a3 AS (
    SELECT q.period, f.*, nullif(trim(f.content), '') IS NULL AS no_content, nullif(trim(f.result), '') IS NULL AS no_result
    FROM audit_quarters q JOIN followup_facts f ON f.followup_date BETWEEN q.start_date AND q.audit_end
), planned AS (
    SELECT q.period, f.followup_id, f.customer_id, f.rep_id, f.next_followup_date AS n, f.next_followup_date + v.grace AS n_end, v.as_of
    FROM audit_quarters q CROSS JOIN v
    JOIN followup_facts f ON f.next_followup_date BETWEEN q.start_date AND q.audit_end
), kept AS (
    SELECT p.period, p.followup_id, min(o.followup_date) AS kept_on
    FROM planned p JOIN followup_facts o
      ON o.customer_id = p.customer_id AND o.followup_id <> p.followup_id AND o.followup_date BETWEEN p.n AND p.n_end
    GROUP BY ALL
)
SELECT period, 'A3' AS check_id, rep_id, 'followup:' || followup_id AS opportunity_key,
       customer_id, CAST(NULL AS VARCHAR) AS deal_id, followup_date AS date, no_content OR no_result AS failed,
       CASE WHEN no_content AND no_result THEN 'follow-up ' || followup_id || ' has no content and no result'
            WHEN no_content THEN 'follow-up ' || followup_id || ' has no content'
            WHEN no_result THEN 'follow-up ' || followup_id || ' has no result' END AS detail,
       CASE WHEN no_content AND no_result THEN '跟进记录 ' || followup_id || ' 缺少内容和结果'
            WHEN no_content THEN '跟进记录 ' || followup_id || ' 缺少内容'
            WHEN no_result THEN '跟进记录 ' || followup_id || ' 缺少结果' END AS detail_zh
FROM a3
UNION ALL
SELECT p.period, 'A8', p.rep_id, 'followup:' || p.followup_id, p.customer_id, NULL, p.n, k.kept_on IS NULL,
       CASE WHEN k.kept_on IS NULL THEN 'follow-up planned for ' || strftime(p.n, '%Y-%m-%d') || ' by ' || p.followup_id
            || ' not kept by ' || strftime(p.n_end, '%Y-%m-%d')
            || CASE WHEN p.n_end > p.as_of THEN ' (window still open)' ELSE '' END END,
       CASE WHEN k.kept_on IS NULL THEN '跟进记录 ' || p.followup_id || ' 计划于 ' || strftime(p.n, '%Y-%m-%d')
            || ' 回访，至 ' || strftime(p.n_end, '%Y-%m-%d') || ' 未回访'
            || CASE WHEN p.n_end > p.as_of THEN '（期限未到）' ELSE '' END END
FROM planned p LEFT JOIN kept k USING (period, followup_id);

-- depends: audit_quarters, followup_facts
-- reads: deals, reps, surveys
-- Opportunities of the deal checks: deals won in the quarter (metrics.md:
-- status won, or cancelled with a close date), charged to the deal's rep.
-- A4: a finding when contract_archived is false or missing.
-- A5: a finding when no follow-up with the deal's customer (by anyone) is
--     dated in [close - presign_days, close], both ends included.
-- A7: a finding when no survey response of the deal's customer is dated in
--     [close, close + survey_days], both ends included. Only a window that
--     has closed by the quarter's audit_end is judged: a later one is
--     pending (neither failed nor counted), and it is judged in the quarter
--     in which its window closes, once that quarter's audit reaches the day
--     (carried over: same deal, charged to the same rep). Judging an open
--     window would count against the rep a survey that may still come, and
--     passing the early ones would bias the rate towards compliance.
CREATE OR REPLACE TABLE audit_opp_deals AS
WITH v AS (
    SELECT CAST(coalesce(getvariable('presign_days'), 180) AS INTEGER) AS presign,
           CAST(coalesce(getvariable('survey_days'), 60) AS INTEGER) AS survey
), won_all AS (
    -- deal_events' won deals (status won, or cancelled with a close date,
    -- rep_id the roster rep or "unknown"), read from deals directly: the
    -- view joined back to deals for contract_archived was a second hash
    -- join of every won deal.
    SELECT d.deal_id, d.customer_id, CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE d.rep_id END AS rep_id,
           d.close_date, d.contract_archived,
           d.close_date - v.presign AS pre_from, d.close_date + v.survey AS survey_to,
           CAST(year(d.close_date) AS VARCHAR) || '-Q' || CAST(quarter(d.close_date) AS VARCHAR) AS won_in
    FROM v CROSS JOIN deals d LEFT JOIN reps r ON r.rep_id = d.rep_id
    WHERE d.status IN ('won', 'cancelled') AND d.close_date IS NOT NULL
), won AS (
    SELECT q.period, w.* FROM audit_quarters q JOIN won_all w ON w.close_date BETWEEN q.start_date AND q.audit_end
), a7 AS (
    SELECT w.*, w.survey_to > q.audit_end AS pending, false AS carried
    FROM won w JOIN audit_quarters q USING (period)
    UNION ALL
    SELECT q.period, w.*, false, true
    FROM audit_quarters q JOIN won_all w
      ON w.survey_to BETWEEN q.start_date AND q.audit_end AND w.close_date < q.start_date
), windows AS (
    -- A5 and A7 ask whether a customer has a follow-up (a survey response)
    -- dated in a window of a fixed number of days w, [lo, lo + w - 1]
    -- (config keeps w at 1 or more). Cut the calendar into blocks of w
    -- days counted from the earliest window's first day, so that no
    -- offset is negative (DuckDB's // truncates towards zero): a window
    -- then meets at most two blocks, its first day's and its last day's.
    -- Every day of the first block on or after lo, like every day of the
    -- last block on or before lo + w - 1, lies in the window. So the
    -- window holds one exactly when its first block's latest day is on or
    -- after lo, or its last block's earliest day on or before its last
    -- day: two equi-joins with each customer's first and last day per
    -- block (380,000 blocks of the 10M follow-ups the windows reach at
    -- L). An ASOF join, which sorted the wins and those follow-ups by
    -- customer and day, made this model take 15.5 to 16.2 s at L where it
    -- now takes 9.0 to 10.1 s (the same rows, EXCEPT ALL both ways).
    SELECT (SELECT min(pre_from) FROM won) AS pre_origin, (SELECT max(close_date) FROM won) AS pre_last, v.presign + 1 AS pre_days,
           (SELECT min(close_date) FROM a7) AS sv_origin, (SELECT max(survey_to) FROM a7) AS sv_last, v.survey + 1 AS sv_days
    FROM v
), fu_blocks AS (
    SELECT f.customer_id, (f.followup_date - x.pre_origin) // x.pre_days AS blk,
           min(f.followup_date) AS first_day, max(f.followup_date) AS last_day
    FROM windows x JOIN followup_facts f ON f.followup_date BETWEEN x.pre_origin AND x.pre_last
    GROUP BY ALL
), sv_blocks AS (
    SELECT s.customer_id, (s.survey_date - x.sv_origin) // x.sv_days AS blk,
           min(s.survey_date) AS first_day, max(s.survey_date) AS last_day
    FROM windows x JOIN surveys s ON s.survey_date BETWEEN x.sv_origin AND x.sv_last
    GROUP BY ALL
), pre AS (
    SELECT w.*, coalesce(b1.last_day >= w.pre_from OR b2.first_day <= w.close_date, false) AS followed
    FROM won w CROSS JOIN windows x
    LEFT JOIN fu_blocks b1 ON b1.customer_id = w.customer_id AND b1.blk = (w.pre_from - x.pre_origin) // x.pre_days
    LEFT JOIN fu_blocks b2 ON b2.customer_id = w.customer_id AND b2.blk = (w.close_date - x.pre_origin) // x.pre_days
), sv AS (
    SELECT w.*, coalesce(b1.last_day >= w.close_date OR b2.first_day <= w.survey_to, false) AS surveyed
    FROM a7 w CROSS JOIN windows x
    LEFT JOIN sv_blocks b1 ON b1.customer_id = w.customer_id AND b1.blk = (w.close_date - x.sv_origin) // x.sv_days
    LEFT JOIN sv_blocks b2 ON b2.customer_id = w.customer_id AND b2.blk = (w.survey_to - x.sv_origin) // x.sv_days
), opp AS (
SELECT period, 'A4' AS check_id, rep_id, 'deal:' || deal_id AS opportunity_key, customer_id, deal_id,
       close_date AS date, contract_archived IS NOT TRUE AS failed, false AS pending, CAST(NULL AS DATE) AS window_closes,
       CASE WHEN contract_archived IS NULL THEN 'won deal ' || deal_id || ': contract archiving not recorded'
            WHEN NOT contract_archived THEN 'won deal ' || deal_id || ': contract not archived' END AS detail,
       CASE WHEN contract_archived IS NULL THEN '成交合同 ' || deal_id || ' 未登记归档'
            WHEN NOT contract_archived THEN '成交合同 ' || deal_id || ' 未归档' END AS detail_zh
FROM won
UNION ALL
SELECT w.period, 'A5', w.rep_id, 'deal:' || w.deal_id, w.customer_id, w.deal_id, w.close_date, NOT w.followed, false, NULL,
       CASE WHEN w.customer_id IS NULL THEN 'won deal ' || w.deal_id || ' names no customer'
            WHEN NOT w.followed THEN 'won deal ' || w.deal_id || ': no follow-up with the customer from '
                 || strftime(w.pre_from, '%Y-%m-%d') || ' to ' || strftime(w.close_date, '%Y-%m-%d') END,
       CASE WHEN w.customer_id IS NULL THEN '成交合同 ' || w.deal_id || ' 未填写客户'
            WHEN NOT w.followed THEN '成交合同 ' || w.deal_id || '：' || strftime(w.pre_from, '%Y-%m-%d')
                 || ' 至 ' || strftime(w.close_date, '%Y-%m-%d') || ' 无该客户的跟进记录' END
FROM pre w
UNION ALL
SELECT w.period, 'A7', w.rep_id, 'deal:' || w.deal_id, w.customer_id, w.deal_id, w.close_date,
       NOT w.pending AND NOT w.surveyed, w.pending, w.survey_to,
       CASE WHEN w.pending THEN 'won deal ' || w.deal_id || ': survey window open until ' || strftime(w.survey_to, '%Y-%m-%d')
            WHEN NOT w.surveyed THEN 'won deal ' || w.deal_id || ': no satisfaction survey from '
            || strftime(w.close_date, '%Y-%m-%d') || ' to ' || strftime(w.survey_to, '%Y-%m-%d')
            || CASE WHEN w.carried THEN ' (won in ' || w.won_in || ', judged when its window closed)' ELSE '' END END,
       CASE WHEN w.pending THEN '成交合同 ' || w.deal_id || '：满意度调查期限至 ' || strftime(w.survey_to, '%Y-%m-%d') || '，尚未到期'
            WHEN NOT w.surveyed THEN '成交合同 ' || w.deal_id || '：' || strftime(w.close_date, '%Y-%m-%d')
            || ' 至 ' || strftime(w.survey_to, '%Y-%m-%d') || ' 无满意度调查'
            || CASE WHEN w.carried THEN '（' || w.won_in || ' 成交，期限届满后检查）' ELSE '' END END
FROM sv w
)
-- The rule of audit_opportunities.sql: a listed row keeps its key, texts
-- and finding id, a pass only what it is counted by.
SELECT period, check_id, rep_id, CASE WHEN listed THEN opportunity_key END AS opportunity_key,
       CASE WHEN listed THEN customer_id END AS customer_id, CASE WHEN listed THEN deal_id END AS deal_id,
       CASE WHEN listed THEN date END AS date, failed, coalesce(pending, false) AS pending, CASE WHEN listed THEN window_closes END AS window_closes,
       CASE WHEN listed THEN detail END AS detail, CASE WHEN listed THEN detail_zh END AS detail_zh,
       CASE WHEN failed OR pending
            THEN check_id || '-' || replace(period, '-', '') || '-' || left(md5(opportunity_key), 12) END AS finding_id,
       1 AS n_opps
FROM (SELECT *, failed IS NOT FALSE OR coalesce(pending, false) AS listed FROM opp);

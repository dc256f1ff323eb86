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
-- A listed row says why in reason (A4: not_recorded or not_archived; A5:
-- no_customer or no_followup, its window opening on window_opens; A7:
-- pending or no_survey); audit_opportunities writes its texts from that,
-- as audit_opp_followups' (there, why they are not written here).
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
           d.close_date - v.presign AS pre_from, d.close_date + v.survey AS survey_to
    FROM v CROSS JOIN deals d LEFT JOIN reps r ON r.rep_id = d.rep_id
    WHERE d.status IN ('won', 'cancelled') AND d.close_date IS NOT NULL
), won AS (
    SELECT q.period, w.* FROM audit_quarters q JOIN won_all w ON w.close_date BETWEEN q.start_date AND q.audit_end
), a7 AS (
    SELECT w.*, w.survey_to > q.audit_end AS pending
    FROM won w JOIN audit_quarters q USING (period)
    UNION ALL
    SELECT q.period, w.*, false
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
       CAST(NULL AS DATE) AS window_opens,
       CASE WHEN contract_archived IS NULL THEN 'not_recorded' WHEN NOT contract_archived THEN 'not_archived' END AS reason
FROM won
UNION ALL
SELECT w.period, 'A5', w.rep_id, 'deal:' || w.deal_id, w.customer_id, w.deal_id, w.close_date, NOT w.followed, false, NULL,
       w.pre_from, CASE WHEN w.customer_id IS NULL THEN 'no_customer' WHEN NOT w.followed THEN 'no_followup' END
FROM pre w
UNION ALL
SELECT w.period, 'A7', w.rep_id, 'deal:' || w.deal_id, w.customer_id, w.deal_id, w.close_date,
       NOT w.pending AND NOT w.surveyed, w.pending, w.survey_to,
       NULL, CASE WHEN w.pending THEN 'pending' WHEN NOT w.surveyed THEN 'no_survey' END
FROM sv w
)
-- The rule of audit_opportunities.sql: a listed row keeps its key, reason
-- and finding id, a pass only what it is counted by.
SELECT period, check_id, rep_id, CASE WHEN listed THEN opportunity_key END AS opportunity_key,
       CASE WHEN listed THEN customer_id END AS customer_id, CASE WHEN listed THEN deal_id END AS deal_id,
       CASE WHEN listed THEN date END AS date, failed, coalesce(pending, false) AS pending, CASE WHEN listed THEN window_closes END AS window_closes,
       CASE WHEN listed THEN window_opens END AS window_opens, CASE WHEN listed THEN reason END AS reason,
       CASE WHEN failed OR pending
            THEN check_id || '-' || replace(period, '-', '') || '-' || left(md5(opportunity_key), 12) END AS finding_id,
       1 AS n_opps
FROM (SELECT *, failed IS NOT FALSE OR coalesce(pending, false) AS listed FROM opp);

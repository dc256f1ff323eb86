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
), pre AS (
    -- The customer's last follow-up on or before the close, by an ASOF
    -- join of the wins to the follow-ups: both sorted by customer and day
    -- once, where a window over wins and follow-ups in date order took
    -- half again as long at 1M deals (and a range join, pairing a
    -- quarter's wins with every follow-up of the customer, about 100 each
    -- at 10M deals, ran out of memory). Only the follow-ups some window
    -- can reach are sorted: a match before its window is no match, and
    -- at L the two audited quarters' windows reach half of two years'.
    SELECT w.deal_id, CASE WHEN f.followup_date >= w.pre_from THEN f.followup_date END AS last_fu
    FROM (SELECT DISTINCT deal_id, customer_id, close_date, pre_from FROM won WHERE customer_id IS NOT NULL) w
    ASOF LEFT JOIN (SELECT customer_id, followup_date FROM followup_facts
                    WHERE followup_date BETWEEN (SELECT min(pre_from) FROM won) AND (SELECT max(close_date) FROM won)) f
      ON f.customer_id = w.customer_id AND f.followup_date <= w.close_date
), sv AS (
    -- The customer's first survey on or after the close, the same way (a
    -- win before a survey of the same day).
    SELECT deal_id, CASE WHEN first_survey <= survey_to THEN first_survey END AS first_survey
    FROM (
        SELECT deal_id, survey_to,
               min(sd) OVER (PARTITION BY customer_id ORDER BY day, ord ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS first_survey
        FROM (
            SELECT DISTINCT deal_id, customer_id, close_date AS day, 0 AS ord, survey_to, CAST(NULL AS DATE) AS sd
            FROM a7 WHERE NOT pending AND customer_id IS NOT NULL
            UNION ALL
            SELECT NULL, customer_id, survey_date, 1, NULL, survey_date
            FROM surveys WHERE customer_id IN (SELECT customer_id FROM a7 WHERE NOT pending)
        )
    )
    WHERE deal_id IS NOT NULL
), opp AS (
SELECT period, 'A4' AS check_id, rep_id, 'deal:' || deal_id AS opportunity_key, customer_id, deal_id,
       close_date AS date, contract_archived IS NOT TRUE AS failed, false AS pending, CAST(NULL AS DATE) AS window_closes,
       CASE WHEN contract_archived IS NULL THEN 'won deal ' || deal_id || ': contract archiving not recorded'
            WHEN NOT contract_archived THEN 'won deal ' || deal_id || ': contract not archived' END AS detail,
       CASE WHEN contract_archived IS NULL THEN '成交合同 ' || deal_id || ' 未登记归档'
            WHEN NOT contract_archived THEN '成交合同 ' || deal_id || ' 未归档' END AS detail_zh
FROM won
UNION ALL
SELECT w.period, 'A5', w.rep_id, 'deal:' || w.deal_id, w.customer_id, w.deal_id, w.close_date, p.last_fu IS NULL, false, NULL,
       CASE WHEN w.customer_id IS NULL THEN 'won deal ' || w.deal_id || ' names no customer'
            WHEN p.last_fu IS NULL THEN 'won deal ' || w.deal_id || ': no follow-up with the customer from '
                 || strftime(w.pre_from, '%Y-%m-%d') || ' to ' || strftime(w.close_date, '%Y-%m-%d') END,
       CASE WHEN w.customer_id IS NULL THEN '成交合同 ' || w.deal_id || ' 未填写客户'
            WHEN p.last_fu IS NULL THEN '成交合同 ' || w.deal_id || '：' || strftime(w.pre_from, '%Y-%m-%d')
                 || ' 至 ' || strftime(w.close_date, '%Y-%m-%d') || ' 无该客户的跟进记录' END
FROM won w LEFT JOIN pre p USING (deal_id)
UNION ALL
SELECT w.period, 'A7', w.rep_id, 'deal:' || w.deal_id, w.customer_id, w.deal_id, w.close_date,
       NOT w.pending AND s.first_survey IS NULL, w.pending, w.survey_to,
       CASE WHEN w.pending THEN 'won deal ' || w.deal_id || ': survey window open until ' || strftime(w.survey_to, '%Y-%m-%d')
            WHEN s.first_survey IS NULL THEN 'won deal ' || w.deal_id || ': no satisfaction survey from '
            || strftime(w.close_date, '%Y-%m-%d') || ' to ' || strftime(w.survey_to, '%Y-%m-%d')
            || CASE WHEN w.carried THEN ' (won in ' || w.won_in || ', judged when its window closed)' ELSE '' END END,
       CASE WHEN w.pending THEN '成交合同 ' || w.deal_id || '：满意度调查期限至 ' || strftime(w.survey_to, '%Y-%m-%d') || '，尚未到期'
            WHEN s.first_survey IS NULL THEN '成交合同 ' || w.deal_id || '：' || strftime(w.close_date, '%Y-%m-%d')
            || ' 至 ' || strftime(w.survey_to, '%Y-%m-%d') || ' 无满意度调查'
            || CASE WHEN w.carried THEN '（' || w.won_in || ' 成交，期限届满后检查）' ELSE '' END END
FROM a7 w LEFT JOIN sv s USING (deal_id)
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

-- depends: audit_quarters, deal_events, followup_facts
-- reads: deals, surveys
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
    SELECT e.deal_id, e.customer_id, e.rep_id, e.close_date, d.contract_archived,
           e.close_date - v.presign AS pre_from, e.close_date + v.survey AS survey_to,
           CAST(year(e.close_date) AS VARCHAR) || '-Q' || CAST(quarter(e.close_date) AS VARCHAR) AS won_in
    FROM v CROSS JOIN deal_events e JOIN deals d ON d.deal_id = e.deal_id
    WHERE e.event = 'won'
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
    -- The customer's last follow-up on or before the close, by ASOF join
    -- (one sorted pass), rather than every follow-up of the customer in the
    -- window: at 10M deals that join paired a quarter's wins with 100
    -- follow-ups each and ran out of memory.
    SELECT w.deal_id, CASE WHEN f.followup_date >= w.pre_from THEN f.followup_date END AS last_fu
    FROM (SELECT DISTINCT deal_id, customer_id, close_date, pre_from FROM won) w
    ASOF LEFT JOIN (SELECT customer_id, followup_date FROM followup_facts) f
      ON f.customer_id = w.customer_id AND w.close_date >= f.followup_date
), sv AS (
    -- The customer's first survey on or after the close, the same way.
    SELECT w.deal_id, CASE WHEN s.survey_date <= w.survey_to THEN s.survey_date END AS first_survey
    FROM (SELECT DISTINCT deal_id, customer_id, close_date, survey_to FROM a7 WHERE NOT pending) w
    ASOF LEFT JOIN (SELECT customer_id, survey_date FROM surveys) s
      ON s.customer_id = w.customer_id AND w.close_date <= s.survey_date
)
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
FROM a7 w LEFT JOIN sv s USING (deal_id);

-- depends: audit_quarters, deal_events, followup_facts
-- Opportunities of the deal checks: deals won in the quarter (metrics.md:
-- status won, or cancelled with a close date), charged to the deal's rep.
-- A4: a finding when contract_archived is false or missing.
-- A5: a finding when no follow-up with the deal's customer (by anyone) is
--     dated in [close - presign_days, close], both ends included.
-- A7: a finding when no survey response of the deal's customer is dated in
--     [close, close + survey_days], both ends included, checked against the
--     data as it stands; when the window reaches past as_of the detail says
--     it is still open.
CREATE OR REPLACE TABLE audit_opp_deals AS
WITH v AS (
    SELECT CAST(coalesce(getvariable('presign_days'), 180) AS INTEGER) AS presign,
           CAST(coalesce(getvariable('survey_days'), 60) AS INTEGER) AS survey,
           CAST(getvariable('as_of') AS DATE) AS as_of
), won AS (
    SELECT q.period, e.deal_id, e.customer_id, e.rep_id, e.close_date, d.contract_archived,
           e.close_date - v.presign AS pre_from, e.close_date + v.survey AS survey_to, v.as_of
    FROM audit_quarters q CROSS JOIN v
    JOIN deal_events e ON e.event = 'won' AND e.event_date BETWEEN q.start_date AND q.audit_end
    JOIN deals d ON d.deal_id = e.deal_id
), pre AS (
    SELECT w.deal_id, max(f.followup_date) AS last_fu
    FROM won w JOIN followup_facts f ON f.customer_id = w.customer_id AND f.followup_date BETWEEN w.pre_from AND w.close_date
    GROUP BY ALL
), sv AS (
    SELECT w.deal_id, min(s.survey_date) AS first_survey
    FROM won w JOIN surveys s ON s.customer_id = w.customer_id AND s.survey_date BETWEEN w.close_date AND w.survey_to
    GROUP BY ALL
)
SELECT period, 'A4' AS check_id, rep_id, 'deal:' || deal_id AS opportunity_key, customer_id, deal_id,
       close_date AS date, contract_archived IS NOT TRUE AS failed,
       CASE WHEN contract_archived IS NULL THEN 'won deal ' || deal_id || ': contract archiving not recorded'
            WHEN NOT contract_archived THEN 'won deal ' || deal_id || ': contract not archived' END AS detail,
       CASE WHEN contract_archived IS NULL THEN '成交合同 ' || deal_id || ' 未登记归档'
            WHEN NOT contract_archived THEN '成交合同 ' || deal_id || ' 未归档' END AS detail_zh
FROM won
UNION ALL
SELECT w.period, 'A5', w.rep_id, 'deal:' || w.deal_id, w.customer_id, w.deal_id, w.close_date, p.last_fu IS NULL,
       CASE WHEN w.customer_id IS NULL THEN 'won deal ' || w.deal_id || ' names no customer'
            WHEN p.last_fu IS NULL THEN 'won deal ' || w.deal_id || ': no follow-up with the customer from '
                 || strftime(w.pre_from, '%Y-%m-%d') || ' to ' || strftime(w.close_date, '%Y-%m-%d') END,
       CASE WHEN w.customer_id IS NULL THEN '成交合同 ' || w.deal_id || ' 未填写客户'
            WHEN p.last_fu IS NULL THEN '成交合同 ' || w.deal_id || '：' || strftime(w.pre_from, '%Y-%m-%d')
                 || ' 至 ' || strftime(w.close_date, '%Y-%m-%d') || ' 无该客户的跟进记录' END
FROM won w LEFT JOIN pre p USING (deal_id)
UNION ALL
SELECT w.period, 'A7', w.rep_id, 'deal:' || w.deal_id, w.customer_id, w.deal_id, w.close_date, s.first_survey IS NULL,
       CASE WHEN s.first_survey IS NULL THEN 'won deal ' || w.deal_id || ': no satisfaction survey from '
            || strftime(w.close_date, '%Y-%m-%d') || ' to ' || strftime(w.survey_to, '%Y-%m-%d')
            || CASE WHEN w.survey_to > w.as_of THEN ' (window still open)' ELSE '' END END,
       CASE WHEN s.first_survey IS NULL THEN '成交合同 ' || w.deal_id || '：' || strftime(w.close_date, '%Y-%m-%d')
            || ' 至 ' || strftime(w.survey_to, '%Y-%m-%d') || ' 无满意度调查'
            || CASE WHEN w.survey_to > w.as_of THEN '（期限未到）' ELSE '' END END
FROM won w LEFT JOIN sv s USING (deal_id);

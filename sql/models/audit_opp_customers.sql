-- depends: audit_quarters, audit_customers, audit_active_spans, audit_followup_gaps
-- Opportunities of the customer checks, one row per customer and quarter,
-- charged to the customer's owner; failed marks a finding.
-- A1: customers of the customer database active on the quarter's last
--     (audited) day; a finding when the record lacks contact_name, both
--     phone and email, industry, or region.
-- A2: customers active on some day of the quarter; a finding when on some
--     active day the latest follow-up was more than followup_gap_days
--     earlier (exactly that many is fine) or there was none yet. The date is
--     the last day without any follow-up, else the day the longest gap was
--     reached.
-- A customer id that appears only in deals has no record to check: A9
-- reports it as a reference to an unknown customer.
CREATE OR REPLACE TABLE audit_opp_customers AS
WITH active_end AS (
    SELECT DISTINCT q.period, q.audit_end, s.customer_id
    FROM audit_quarters q JOIN audit_active_spans s ON q.audit_end BETWEEN s.span_start AND s.span_end
), a1 AS (
    SELECT a.period, c.owner_rep_id AS rep_id, c.customer_id, a.audit_end AS date,
           c.no_contact OR c.no_phone_email OR c.no_industry OR c.no_region AS failed,
           concat_ws(', ', CASE WHEN c.no_contact THEN 'contact_name' END,
                           CASE WHEN c.no_phone_email THEN 'phone and email' END,
                           CASE WHEN c.no_industry THEN 'industry' END,
                           CASE WHEN c.no_region THEN 'region' END) AS missing_en,
           concat_ws('、', CASE WHEN c.no_contact THEN '联系人' END,
                          CASE WHEN c.no_phone_email THEN '电话和邮箱' END,
                          CASE WHEN c.no_industry THEN '行业' END,
                          CASE WHEN c.no_region THEN '地区' END) AS missing_zh
    FROM active_end a JOIN audit_customers c USING (customer_id)
), a2 AS (
    SELECT g.*, c.owner_rep_id AS rep_id,
           g.days_without > 0 OR g.max_gap > CAST(coalesce(getvariable('followup_gap_days'), 30) AS INTEGER) AS failed
    FROM audit_followup_gaps g JOIN audit_customers c USING (customer_id)
), opp AS (
SELECT period, 'A1' AS check_id, rep_id, 'customer:' || customer_id AS opportunity_key,
       customer_id, CAST(NULL AS VARCHAR) AS deal_id, date, failed,
       CASE WHEN failed THEN 'customer record lacks ' || missing_en END AS detail,
       CASE WHEN failed THEN '客户资料缺少' || missing_zh END AS detail_zh
FROM a1
UNION ALL
SELECT period, 'A2', rep_id, 'customer:' || customer_id, customer_id, NULL,
       CASE WHEN days_without > 0 THEN last_day_without ELSE gap_day END, failed,
       CASE WHEN NOT failed THEN NULL
            WHEN days_without > 0 THEN 'no follow-up yet on ' || CAST(days_without AS VARCHAR)
                 || ' active day(s), the last ' || strftime(last_day_without, '%Y-%m-%d')
            ELSE 'longest gap ' || CAST(max_gap AS VARCHAR) || ' days: last follow-up '
                 || strftime(gap_from, '%Y-%m-%d') || ', none since by ' || strftime(gap_day, '%Y-%m-%d') END,
       CASE WHEN NOT failed THEN NULL
            WHEN days_without > 0 THEN '有 ' || CAST(days_without AS VARCHAR) || ' 个活跃日此前从未跟进，最后一日为 '
                 || strftime(last_day_without, '%Y-%m-%d')
            ELSE '最长间隔 ' || CAST(max_gap AS VARCHAR) || ' 天：上次跟进 '
                 || strftime(gap_from, '%Y-%m-%d') || '，至 ' || strftime(gap_day, '%Y-%m-%d') || ' 仍未跟进' END
FROM a2
)
-- The rule of audit_opportunities.sql: a listed row keeps its key, texts
-- and finding id, a pass only what it is counted by.
SELECT period, check_id, rep_id, CASE WHEN listed THEN opportunity_key END AS opportunity_key,
       CASE WHEN listed THEN customer_id END AS customer_id, CASE WHEN listed THEN deal_id END AS deal_id,
       CASE WHEN listed THEN date END AS date, failed,
       CASE WHEN listed THEN detail END AS detail, CASE WHEN listed THEN detail_zh END AS detail_zh,
       CASE WHEN failed
            THEN check_id || '-' || replace(period, '-', '') || '-' || left(md5(opportunity_key), 12) END AS finding_id,
       1 AS n_opps
FROM (SELECT *, failed IS NOT FALSE AS listed FROM opp);

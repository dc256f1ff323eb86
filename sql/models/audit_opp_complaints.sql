-- depends: audit_quarters, audit_customers
-- reads: reps, tickets
-- A6: complaints (tickets of kind complaint) opened in the quarter, by the
-- local date of opened_at. A finding when resolved_at is missing, or later
-- than opened_at + complaint_hours (exactly that many hours is fine).
-- The window closes on the day of opened_at + complaint_hours; as A7, a
-- complaint whose window has not closed by the quarter's audit_end is
-- pending there and judged in the quarter in which the window closes
-- (carried over).
-- Charged to the ticket's rep ("unknown" when not in the roster), else the
-- customer's owner, else "unattributed".
CREATE OR REPLACE TABLE audit_opp_complaints AS
WITH v AS (SELECT CAST(coalesce(getvariable('complaint_hours'), 168) AS BIGINT) AS hours),
tk AS (
    SELECT t.ticket_id, t.customer_id, t.opened_at, t.resolved_at, v.hours,
           CAST(t.opened_at AS DATE) AS opened_on,
           CAST(t.opened_at + to_hours(v.hours) AS DATE) AS window_closes,
           CAST(year(t.opened_at) AS VARCHAR) || '-Q' || CAST(quarter(t.opened_at) AS VARCHAR) AS opened_in,
           CASE WHEN nullif(trim(t.rep_id), '') IS NOT NULL THEN CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE t.rep_id END
                ELSE coalesce(c.owner_rep_id, 'unattributed') END AS rep_id,
           t.resolved_at IS NULL OR t.resolved_at > t.opened_at + to_hours(v.hours) AS late,
           date_diff('minute', t.opened_at, t.resolved_at) AS minutes
    FROM tickets t CROSS JOIN v
    LEFT JOIN reps r ON r.rep_id = t.rep_id
    LEFT JOIN audit_customers c ON c.customer_id = t.customer_id
    WHERE lower(trim(t.kind)) = 'complaint'
), t AS (
    -- two range joins rather than one OR join, which would be a nested loop
    SELECT q.period, tk.*, tk.window_closes > q.audit_end AS window_open, false AS carried
    FROM audit_quarters q JOIN tk ON tk.opened_on BETWEEN q.start_date AND q.audit_end
    UNION ALL
    SELECT q.period, tk.*, false, true
    FROM audit_quarters q JOIN tk ON tk.window_closes BETWEEN q.start_date AND q.audit_end AND tk.opened_on < q.start_date
), j AS (
    SELECT *, window_open AS pending, late AND NOT window_open AS failed FROM t
), opp AS (
SELECT period, 'A6' AS check_id, rep_id, 'ticket:' || ticket_id AS opportunity_key, customer_id,
       CAST(NULL AS VARCHAR) AS deal_id, CAST(opened_at AS DATE) AS date, failed, pending, window_closes,
       CASE WHEN pending THEN 'complaint ' || ticket_id || ' opened ' || strftime(opened_at, '%Y-%m-%d %H:%M')
                 || ': ' || CAST(hours AS VARCHAR) || ' h window open until ' || strftime(opened_at + to_hours(hours), '%Y-%m-%d %H:%M')
            WHEN NOT failed THEN NULL
            WHEN resolved_at IS NULL THEN 'complaint ' || ticket_id || ' opened ' || strftime(opened_at, '%Y-%m-%d %H:%M') || ' is not resolved'
            ELSE 'complaint ' || ticket_id || ' resolved after ' || CAST(minutes // 60 AS VARCHAR) || ' h '
                 || CAST(minutes % 60 AS VARCHAR) || ' min (limit ' || CAST(hours AS VARCHAR) || ' h)' END
       || CASE WHEN failed AND carried THEN ' (opened in ' || opened_in || ', judged when its window closed)' ELSE '' END AS detail,
       CASE WHEN pending THEN '投诉工单 ' || ticket_id || '（' || strftime(opened_at, '%Y-%m-%d %H:%M') || ' 创建）处理时限至 '
                 || strftime(opened_at + to_hours(hours), '%Y-%m-%d %H:%M') || '，尚未到期'
            WHEN NOT failed THEN NULL
            WHEN resolved_at IS NULL THEN '投诉工单 ' || ticket_id || '（' || strftime(opened_at, '%Y-%m-%d %H:%M') || ' 创建）未解决'
            ELSE '投诉工单 ' || ticket_id || ' 用时 ' || CAST(minutes // 60 AS VARCHAR) || ' 小时 '
                 || CAST(minutes % 60 AS VARCHAR) || ' 分钟解决（时限 ' || CAST(hours AS VARCHAR) || ' 小时）' END
       || CASE WHEN failed AND carried THEN '（' || opened_in || ' 创建，期限届满后检查）' ELSE '' END AS detail_zh
FROM j
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

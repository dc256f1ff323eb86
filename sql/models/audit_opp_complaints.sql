-- depends: audit_quarters, audit_customers
-- A6: complaints (tickets of kind complaint) opened in the quarter, by the
-- local date of opened_at. A finding when resolved_at is missing, or later
-- than opened_at + complaint_hours (exactly that many hours is fine).
-- Charged to the ticket's rep ("unknown" when not in the roster), else the
-- customer's owner, else "unattributed".
CREATE OR REPLACE TABLE audit_opp_complaints AS
WITH v AS (SELECT CAST(coalesce(getvariable('complaint_hours'), 168) AS BIGINT) AS hours),
t AS (
    SELECT q.period, t.ticket_id, t.customer_id, t.opened_at, t.resolved_at, v.hours,
           CASE WHEN nullif(trim(t.rep_id), '') IS NOT NULL THEN CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE t.rep_id END
                ELSE coalesce(c.owner_rep_id, 'unattributed') END AS rep_id,
           t.resolved_at IS NULL OR t.resolved_at > t.opened_at + to_hours(v.hours) AS failed,
           date_diff('minute', t.opened_at, t.resolved_at) AS minutes
    FROM audit_quarters q CROSS JOIN v
    JOIN tickets t ON CAST(t.opened_at AS DATE) BETWEEN q.start_date AND q.audit_end
    LEFT JOIN reps r ON r.rep_id = t.rep_id
    LEFT JOIN audit_customers c ON c.customer_id = t.customer_id
    WHERE lower(trim(t.kind)) = 'complaint'
)
SELECT period, 'A6' AS check_id, rep_id, 'ticket:' || ticket_id AS opportunity_key, customer_id,
       CAST(NULL AS VARCHAR) AS deal_id, CAST(opened_at AS DATE) AS date, failed,
       CASE WHEN NOT failed THEN NULL
            WHEN resolved_at IS NULL THEN 'complaint ' || ticket_id || ' opened ' || strftime(opened_at, '%Y-%m-%d %H:%M') || ' is not resolved'
            ELSE 'complaint ' || ticket_id || ' resolved after ' || CAST(minutes // 60 AS VARCHAR) || ' h '
                 || CAST(minutes % 60 AS VARCHAR) || ' min (limit ' || CAST(hours AS VARCHAR) || ' h)' END AS detail,
       CASE WHEN NOT failed THEN NULL
            WHEN resolved_at IS NULL THEN '投诉工单 ' || ticket_id || '（' || strftime(opened_at, '%Y-%m-%d %H:%M') || ' 创建）未解决'
            ELSE '投诉工单 ' || ticket_id || ' 用时 ' || CAST(minutes // 60 AS VARCHAR) || ' 小时 '
                 || CAST(minutes % 60 AS VARCHAR) || ' 分钟解决（时限 ' || CAST(hours AS VARCHAR) || ' 小时）' END AS detail_zh
FROM t;

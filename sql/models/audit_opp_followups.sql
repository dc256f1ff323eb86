-- depends: audit_quarters, followup_facts
-- Opportunities of the follow-up checks, charged to the follow-up's rep.
-- A3: follow-ups dated in the quarter; a finding when content or result is
--     missing (empty after trimming).
-- A8: follow-ups whose next_followup_date N falls in the quarter; a finding
--     when no other follow-up with that customer (by anyone) is dated in
--     [N, N + planned_grace_days], both ends included. As A7: only a window
--     closed by the quarter's audit_end is judged; a later one is pending
--     there and judged in the quarter in which it closes (carried over).
-- A listed row says why in reason (A3: no_content, no_result or
-- no_content_no_result; A8: pending or not_kept); audit_opportunities
-- writes its texts from that, its key, dates and quarter when they are
-- read. Written here, the texts of both quarters' 3.8 million listed rows
-- at ten million deals cost about 2 s of this model, and most are never
-- read: a report reads its own quarter's, a page at a time.
CREATE OR REPLACE TABLE audit_opp_followups AS
WITH v AS (
    SELECT CAST(coalesce(getvariable('planned_grace_days'), 3) AS INTEGER) AS grace
), a3 AS (
    SELECT q.period, f.*, nullif(trim(f.content), '') IS NULL AS no_content, nullif(trim(f.result), '') IS NULL AS no_result
    FROM audit_quarters q JOIN followup_facts f ON f.followup_date BETWEEN q.start_date AND q.audit_end
), planned AS (
    -- A plan is judged in the quarter its n falls in (pending there while
    -- its window is still open at audit_end) and, when its window closes
    -- in a later quarter, there too (carried). Those are the quarters of n
    -- and of n_end, so each plan meets only them by an equi-join.
    SELECT q.period, f.followup_id, f.customer_id, f.rep_id, f.n, f.n_end,
           f.n >= q.start_date AND f.n_end > q.audit_end AS pending
    FROM (
        SELECT followup_id, customer_id, rep_id, n, n_end,
               unnest(CASE WHEN date_trunc('quarter', n) = date_trunc('quarter', n_end) THEN [date_trunc('quarter', n)]
                           ELSE [date_trunc('quarter', n), date_trunc('quarter', n_end)] END) AS q_start
        FROM (SELECT f.followup_id, f.customer_id, f.rep_id, f.next_followup_date AS n, f.next_followup_date + v.grace AS n_end
              FROM v CROSS JOIN followup_facts f
              -- Only the plans an audited quarter can judge: at L, a
              -- quarter of the 14M plans of two years.
              WHERE f.next_followup_date BETWEEN (SELECT min(start_date) FROM audit_quarters) - v.grace
                                             AND (SELECT max(audit_end) FROM audit_quarters))) f
    JOIN audit_quarters q ON q.start_date = f.q_start
    WHERE f.n BETWEEN q.start_date AND q.audit_end
       OR (f.n_end BETWEEN q.start_date AND q.audit_end AND f.n < q.start_date)
), cust_days AS (
    -- Each customer's follow-up days, with how many, one id and the
    -- customer's next such day. Only the days a window can reach,
    -- [start - grace, audit_end + grace] of an audited quarter (a carried
    -- plan's n is at most grace days before the start): about a quarter of
    -- the follow-ups of two years when a quarterly audit covers its
    -- quarter and the one before.
    SELECT *, lead(day) OVER (PARTITION BY customer_id ORDER BY day) AS next_day
    FROM (SELECT f.customer_id, f.followup_date AS day, count(*) AS n, min(f.followup_id) AS one_id
          FROM followup_facts f
          SEMI JOIN (SELECT q.start_date - v.grace AS d0, q.audit_end + v.grace AS d1 FROM audit_quarters q CROSS JOIN v) r
            ON f.followup_date BETWEEN r.d0 AND r.d1
          GROUP BY ALL)
), judged AS (
    -- Kept when a follow-up other than the plan's own is dated in
    -- [n, n_end]: the customer's first follow-up day on or after n, or the
    -- day after it when that day holds the plan's own follow-up alone.
    -- One ASOF join, where meeting each plan with every day of its window
    -- by an equi-join ran out of the default memory_limit at 30M deals
    -- (docs/scaling.md), and planned, read twice, was held whole.
    SELECT p.*, coalesce(CASE WHEN d.n = 1 AND d.one_id = p.followup_id THEN d.next_day ELSE d.day END <= p.n_end, false) AS kept
    FROM planned p ASOF LEFT JOIN cust_days d ON p.customer_id = d.customer_id AND p.n <= d.day
), opp AS (
-- A3's passes fold into one row per quarter and rep here, where the
-- check is a scan: n_opps counts the follow-ups a row stands for.
SELECT period, 'A3' AS check_id, rep_id, CASE WHEN failed THEN 'followup:' || followup_id END AS opportunity_key,
       CASE WHEN failed THEN customer_id END AS customer_id, CAST(NULL AS VARCHAR) AS deal_id,
       CASE WHEN failed THEN followup_date END AS date, failed, false AS pending, CAST(NULL AS DATE) AS window_closes,
       CASE WHEN no_content AND no_result THEN 'no_content_no_result' WHEN no_content THEN 'no_content'
            WHEN no_result THEN 'no_result' END AS reason,
       count(*) AS n_opps
FROM (SELECT *, no_content OR no_result AS failed FROM a3)
GROUP BY ALL
UNION ALL
SELECT p.period, 'A8', p.rep_id, 'followup:' || p.followup_id, p.customer_id, NULL, p.n,
       NOT p.pending AND NOT p.kept, p.pending, p.n_end,
       CASE WHEN p.pending THEN 'pending' WHEN NOT p.kept THEN 'not_kept' END,
       1
FROM judged p
)
-- The rule of audit_opportunities.sql: a listed row keeps its key, reason
-- and finding id, a pass only what it is counted by (A3's are folded
-- above).
SELECT period, check_id, rep_id, CASE WHEN listed THEN opportunity_key END AS opportunity_key,
       CASE WHEN listed THEN customer_id END AS customer_id, CASE WHEN listed THEN deal_id END AS deal_id,
       CASE WHEN listed THEN date END AS date, failed, coalesce(pending, false) AS pending, CASE WHEN listed THEN window_closes END AS window_closes,
       CASE WHEN listed THEN reason END AS reason,
       CASE WHEN failed OR pending
            THEN check_id || '-' || replace(period, '-', '') || '-' || left(md5(opportunity_key), 12) END AS finding_id,
       n_opps
FROM (SELECT *, failed IS NOT FALSE OR coalesce(pending, false) AS listed FROM opp);

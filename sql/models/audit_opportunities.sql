-- depends: audit_opp_customers, audit_opp_followups, audit_opp_deals, audit_opp_complaints, audit_opp_data
-- reads: audit_responses
-- The listed opportunities of every check in every audited quarter: those
-- that failed (the findings) and those pending (a window still open at
-- audit_end), each with the thing a check looked at, the rep it is charged
-- to and why. A waived finding (`salesops audit waive`) is listed but not
-- counted: counted says which of these rows the rates and scores rest on.
-- Every opportunity is counted in the audit_opp_* table of its check, and
-- audit_opp_counts counts them per quarter, check and rep. Only a listed
-- one (failed, pending, or not judged, which audit_opp_counts_rows.sql
-- reports) keeps its key, finding id and texts (or, for the follow-up
-- and deal checks, the reason they are written from below) there, in a
-- row of its own; a pass keeps only its quarter, check, rep and verdict, and where a
-- check is judged by a scan (A3, A9) its passes fold into one row per
-- quarter and rep. n_opps says how many opportunities a row stands for.
-- The passes (27.9 of the 33.4 million opportunities of 10 million deals)
-- are counted, never read one by one.
-- This is a view, so the listed rows are written once, where they are
-- judged: as a table, copying them here (5.5 million rows at 10 million
-- deals) took 16 of the audit transform's 158 s, and its finding-id test,
-- which once ran out of memory over the view (6ab8d53), now sorts 64-bit
-- hashes.
-- finding_id is derived from the check, the quarter and the thing checked,
-- never from a row number, so a response recorded against it holds across
-- reruns: A7-2026Q3-<12 hex digits of md5(opportunity_key)>. Each
-- audit_opp_* table makes the ids of its failed and pending rows.
CREATE OR REPLACE VIEW audit_opportunities AS
WITH texts AS (
    -- audit_opp_followups and audit_opp_deals keep why a row is listed
    -- (reason), not its texts: they are written here, where they are
    -- read, from the row's key, dates and quarter. A row judged in a later
    -- quarter than the one its date falls in was carried over to the
    -- quarter its window closed in. A key is 'followup:' or 'deal:' and
    -- the follow-up's or deal's id.
    SELECT *,
           CASE check_id || ':' || reason
               WHEN 'A3:no_content_no_result' THEN 'follow-up ' || id || ' has no content and no result'
               WHEN 'A3:no_content' THEN 'follow-up ' || id || ' has no content'
               WHEN 'A3:no_result' THEN 'follow-up ' || id || ' has no result'
               WHEN 'A8:pending' THEN 'follow-up planned for ' || d0 || ' by ' || id || ': window open until ' || d1
               WHEN 'A8:not_kept' THEN 'follow-up planned for ' || d0 || ' by ' || id || ' not kept by ' || d1
                   || CASE WHEN dated_in <> period THEN ' (planned in ' || dated_in || ', judged when its window closed)' ELSE '' END
               WHEN 'A4:not_recorded' THEN 'won deal ' || id || ': contract archiving not recorded'
               WHEN 'A4:not_archived' THEN 'won deal ' || id || ': contract not archived'
               WHEN 'A5:no_customer' THEN 'won deal ' || id || ' names no customer'
               WHEN 'A5:no_followup' THEN 'won deal ' || id || ': no follow-up with the customer from '
                   || strftime(window_opens, '%Y-%m-%d') || ' to ' || d0
               WHEN 'A7:pending' THEN 'won deal ' || id || ': survey window open until ' || d1
               WHEN 'A7:no_survey' THEN 'won deal ' || id || ': no satisfaction survey from ' || d0 || ' to ' || d1
                   || CASE WHEN dated_in <> period THEN ' (won in ' || dated_in || ', judged when its window closed)' ELSE '' END
           END AS detail,
           CASE check_id || ':' || reason
               WHEN 'A3:no_content_no_result' THEN '跟进记录 ' || id || ' 缺少内容和结果'
               WHEN 'A3:no_content' THEN '跟进记录 ' || id || ' 缺少内容'
               WHEN 'A3:no_result' THEN '跟进记录 ' || id || ' 缺少结果'
               WHEN 'A8:pending' THEN '跟进记录 ' || id || ' 计划于 ' || d0 || ' 回访，期限至 ' || d1 || '，尚未到期'
               WHEN 'A8:not_kept' THEN '跟进记录 ' || id || ' 计划于 ' || d0 || ' 回访，至 ' || d1 || ' 未回访'
                   || CASE WHEN dated_in <> period THEN '（' || dated_in || ' 计划，期限届满后检查）' ELSE '' END
               WHEN 'A4:not_recorded' THEN '成交合同 ' || id || ' 未登记归档'
               WHEN 'A4:not_archived' THEN '成交合同 ' || id || ' 未归档'
               WHEN 'A5:no_customer' THEN '成交合同 ' || id || ' 未填写客户'
               WHEN 'A5:no_followup' THEN '成交合同 ' || id || '：' || strftime(window_opens, '%Y-%m-%d')
                   || ' 至 ' || d0 || ' 无该客户的跟进记录'
               WHEN 'A7:pending' THEN '成交合同 ' || id || '：满意度调查期限至 ' || d1 || '，尚未到期'
               WHEN 'A7:no_survey' THEN '成交合同 ' || id || '：' || d0 || ' 至 ' || d1 || ' 无满意度调查'
                   || CASE WHEN dated_in <> period THEN '（' || dated_in || ' 成交，期限届满后检查）' ELSE '' END
           END AS detail_zh
    FROM (SELECT *, substr(opportunity_key, strpos(opportunity_key, ':') + 1) AS id, strftime(date, '%Y-%m-%d') AS d0,
                 strftime(window_closes, '%Y-%m-%d') AS d1,
                 CAST(year(date) AS VARCHAR) || '-Q' || CAST(quarter(date) AS VARCHAR) AS dated_in
          FROM (SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, pending, window_closes,
                       finding_id, reason, CAST(NULL AS DATE) AS window_opens
                FROM audit_opp_followups WHERE failed OR pending
                UNION ALL
                SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, pending, window_closes,
                       finding_id, reason, window_opens
                FROM audit_opp_deals WHERE failed OR pending))
), o AS (
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           false AS pending, CAST(NULL AS DATE) AS window_closes, finding_id
    FROM audit_opp_customers WHERE failed
    UNION ALL
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           coalesce(pending, false), window_closes, finding_id
    FROM texts
    UNION ALL
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           coalesce(pending, false), window_closes, finding_id
    FROM audit_opp_complaints WHERE failed OR pending
    UNION ALL
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           false, CAST(NULL AS DATE), finding_id
    FROM audit_opp_data WHERE failed
), waivers AS (
    SELECT finding_id FROM audit_responses
    QUALIFY row_number() OVER (PARTITION BY finding_id ORDER BY responded_at DESC) = 1 AND action = 'waive'
)
SELECT o.*, o.failed AND w.finding_id IS NOT NULL AS waived,
       NOT o.pending AND NOT (o.failed AND w.finding_id IS NOT NULL) AS counted
FROM o LEFT JOIN waivers w USING (finding_id);

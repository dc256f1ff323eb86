-- depends: audit_quarters, audit_customers
-- reads: customers, deals, followups, ingest_batches, rejects, reps, surveys, tickets
-- A9, data quality. Its opportunities are the rows of the quarter's exports:
-- every loaded record dated in the quarter (deals by close date, else
-- created date, else cancel date, as in `periods`; follow-ups by local date;
-- surveys by survey date; tickets by the local date they opened; customers
-- by created date) plus every rejected row dated in the quarter (its
-- row_date, else the day its batch was loaded).
-- Findings: a loaded row naming a rep missing from the roster or a customer
-- missing from the customer database (one finding per row, naming both when
-- both are unknown), charged to the row's rep as everywhere ("unknown" for an
-- unknown rep; the customer's owner or "unattributed" when the row names
-- none); and every rejected row, charged to "unattributed" because a
-- rejected row cannot be trusted to name its rep. A row rejected on several
-- columns, or in several loads of the same file, is one finding. detail_zh
-- names the export kind in Chinese (the catalog's data.kind.* words, i18n/
-- catalog_data.go); the reject reasons in it stay as stored and are
-- translated by the report (i18n.Lang.Reasons).
-- Of ingest_batches it reads only when the batches of rejects started, and
-- the transform stamps it by those alone (transform/fresh.go, partStamps):
-- the batch of skipped files every rerun records rebuilds nothing.
CREATE OR REPLACE TABLE audit_opp_data AS
WITH src AS (
    SELECT 'sales' AS kind, deal_id AS row_key, coalesce(close_date, created_date, cancel_date) AS row_date,
           nullif(trim(rep_id), '') AS src_rep, nullif(trim(customer_id), '') AS customer_id, deal_id
    FROM deals
    UNION ALL SELECT 'followups', followup_id, CAST(followup_at AS DATE), nullif(trim(rep_id), ''), customer_id, NULL FROM followups
    UNION ALL SELECT 'surveys', survey_id, survey_date, nullif(trim(rep_id), ''), customer_id, NULL FROM surveys
    UNION ALL SELECT 'tickets', ticket_id, CAST(opened_at AS DATE), nullif(trim(rep_id), ''), customer_id, NULL FROM tickets
    UNION ALL SELECT 'customers', customer_id, created_date, nullif(trim(owner_rep_id), ''), customer_id, NULL FROM customers
), loaded AS (
    SELECT q.period, s.*, CASE s.kind WHEN 'sales' THEN '销售' WHEN 'followups' THEN '跟进' WHEN 'surveys' THEN '问卷' WHEN 'tickets' THEN '工单'
                WHEN 'customers' THEN '客户' WHEN 'reps' THEN '销售人员' WHEN 'fx_rates' THEN '汇率' ELSE coalesce(kind, '') END AS kind_zh,
           s.src_rep IS NOT NULL AND r.rep_id IS NULL AS rep_unknown,
           s.customer_id IS NOT NULL AND c.customer_id IS NULL AS customer_unknown,
           CASE WHEN s.src_rep IS NULL THEN coalesce(c.owner_rep_id, 'unattributed')
                WHEN r.rep_id IS NULL THEN 'unknown' ELSE s.src_rep END AS rep_id
    FROM audit_quarters q
    JOIN src s ON s.row_date BETWEEN q.start_date AND q.audit_end
    LEFT JOIN reps r ON r.rep_id = s.src_rep
    LEFT JOIN audit_customers c ON c.customer_id = s.customer_id
), rejected AS (
    SELECT q.period, j.kind, CASE j.kind WHEN 'sales' THEN '销售' WHEN 'followups' THEN '跟进' WHEN 'surveys' THEN '问卷' WHEN 'tickets' THEN '工单'
                WHEN 'customers' THEN '客户' WHEN 'reps' THEN '销售人员' WHEN 'fx_rates' THEN '汇率' ELSE coalesce(j.kind, '') END AS kind_zh, j.file, j.sheet, j.line,
           any_value(j.row_key) AS row_key,
           min(coalesce(j.row_date, CAST(b.started_at AS DATE))) AS row_date,
           string_agg(DISTINCT coalesce(j.column_name, '') || CASE WHEN j.value IS NULL THEN '' ELSE ' "' || left(j.value, 80) || '"' END
                      || ': ' || coalesce(j.reason, ''), '; '
                      ORDER BY coalesce(j.column_name, '') || CASE WHEN j.value IS NULL THEN '' ELSE ' "' || left(j.value, 80) || '"' END
                      || ': ' || coalesce(j.reason, '')) AS problems
    FROM rejects j
    LEFT JOIN ingest_batches b USING (batch_id)
    JOIN audit_quarters q ON coalesce(j.row_date, CAST(b.started_at AS DATE)) BETWEEN q.start_date AND q.audit_end
    GROUP BY q.period, j.kind, kind_zh, j.file, j.sheet, j.line
), opp AS (
SELECT period, 'A9' AS check_id, rep_id, 'row:' || kind || ':' || row_key AS opportunity_key,
       customer_id, deal_id, row_date AS date, rep_unknown OR customer_unknown AS failed,
       CASE WHEN rep_unknown OR customer_unknown THEN kind || ' row ' || row_key || ' names '
            || concat_ws(' and ', CASE WHEN rep_unknown THEN 'rep "' || src_rep || '", not in the roster' END,
                                  CASE WHEN customer_unknown THEN 'customer "' || customer_id || '", not in the customer database' END) END AS detail,
       CASE WHEN rep_unknown OR customer_unknown THEN kind_zh || '记录 ' || row_key || ' 引用了'
            || concat_ws('和', CASE WHEN rep_unknown THEN '不在销售名册中的销售 "' || src_rep || '"' END,
                              CASE WHEN customer_unknown THEN '客户信息中没有的客户 "' || customer_id || '"' END) END AS detail_zh
FROM loaded
UNION ALL
SELECT period, 'A9', 'unattributed',
       'reject:' || coalesce(kind, '') || ':' || coalesce(file, '') || ':' || coalesce(sheet, '') || ':' || coalesce(CAST(line AS VARCHAR), ''),
       CASE WHEN kind = 'customers' THEN row_key END, CASE WHEN kind = 'sales' THEN row_key END,
       row_date, true,
       'rejected ' || coalesce(kind, '') || ' row (' || coalesce(file, '?') || coalesce(', sheet ' || sheet, '')
            || coalesce(', line ' || CAST(line AS VARCHAR), '') || '): ' || problems,
       '被拒绝的' || kind_zh || '记录（' || coalesce(file, '?') || coalesce('，工作表 ' || sheet, '')
            || coalesce('，第 ' || CAST(line AS VARCHAR) || ' 行', '') || '）：' || problems
FROM rejected
)
-- The rule of audit_opportunities.sql: a listed row keeps its key, texts
-- and finding id, a pass only what it is counted by. Here the passes fold
-- into one row per quarter and rep (all 12 million export rows of three
-- quarters at 10 million deals are passes).
SELECT *, count(*) AS n_opps FROM (
SELECT period, check_id, rep_id, CASE WHEN listed THEN opportunity_key END AS opportunity_key,
       CASE WHEN listed THEN customer_id END AS customer_id, CASE WHEN listed THEN deal_id END AS deal_id,
       CASE WHEN listed THEN date END AS date, failed,
       CASE WHEN listed THEN detail END AS detail, CASE WHEN listed THEN detail_zh END AS detail_zh,
       CASE WHEN failed
            THEN check_id || '-' || replace(period, '-', '') || '-' || left(md5(opportunity_key), 12) END AS finding_id
FROM (SELECT *, failed IS NOT FALSE AS listed FROM opp)
)
GROUP BY ALL;

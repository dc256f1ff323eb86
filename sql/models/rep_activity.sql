-- depends: deal_events, followup_facts, survey_facts
-- reads: customers
-- What a rep did, one row per deal event, follow-up and survey response,
-- under the month it happened in: the rows the dashboard's drill-down
-- lists (reports/dashboard_explore_data.go caps them per rep and kind).
-- rep_id is the fact models' (roster rep, "unknown" or "unattributed"),
-- so each month's rows of a rep add up to that rep's KPI row.
--   deal      what: the event (won, cancelled, lost), amount: the deal's
--   followup  what: the stage, note: channel and result
--   response  score and note: the comment
-- A view, not a table: at 10M deals it would copy 31M rows every run for
-- a page that reads one month of it. deal_events and followup_facts are
-- views too, so a query that filters on day scans the columns it needs of
-- deals and followups (the day is computed, so no row group is skipped).
CREATE OR REPLACE VIEW rep_activity AS
WITH facts AS (
    SELECT e.rep_id, 'deal' AS kind, e.event_date AS day, e.deal_id AS item_id, e.customer_id,
           e.event AS what, e.amount, NULL::INTEGER AS score, NULL::VARCHAR AS note
    FROM deal_events e
    UNION ALL
    SELECT f.rep_id, 'followup', f.followup_date, f.followup_id, f.customer_id,
           f.stage, NULL, NULL, nullif(concat_ws(' · ', f.channel, f.result), '')
    FROM followup_facts f
    UNION ALL
    SELECT s.rep_id, 'response', s.survey_date, s.survey_id, s.customer_id,
           NULL, NULL, s.score, s.comment
    FROM survey_facts s
)
SELECT strftime(x.day, '%Y-%m') AS period, x.rep_id, x.kind, x.day, x.item_id, x.customer_id,
       c.company_name, x.what, x.amount::DECIMAL(18,2) AS amount, x.score, x.note
FROM facts x LEFT JOIN customers c ON c.customer_id = x.customer_id;

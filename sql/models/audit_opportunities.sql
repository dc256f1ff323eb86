-- depends: audit_opp_customers, audit_opp_followups, audit_opp_deals, audit_opp_complaints, audit_opp_data, rep_dim
-- reads: audit_responses
-- Every opportunity of every check in every audited quarter: the thing a
-- check looked at, the rep it is charged to, and whether it failed. A
-- finding is an opportunity that failed, so a rep's rate never exceeds 1.
-- A pending opportunity (a window still open at audit_end) and a waived
-- finding (`salesops audit waive`) are listed but not counted: counted says
-- which rows the rates and scores rest on.
-- finding_id is derived from the check, the quarter and the thing checked,
-- never from a row number, so a response recorded against it holds across
-- reruns: A7-2026Q3-<12 hex digits of md5(opportunity_key)>. Only failed
-- and pending rows get one: md5 over every row (A9 has one per loaded row)
-- cost tens of seconds at 10 million rows. Each audit_opp_* table makes its
-- own ids.
-- A table, though copying the five tables into one (33 million rows at 10
-- million deals) costs about a minute there, mostly DuckDB compressing its
-- strings: as a view, the data tests that group it ran out of the default
-- memory_limit in the transform's transaction at that size, twice in a
-- row (make bench-scale, 2026-12-01).
CREATE OR REPLACE TABLE audit_opportunities AS
WITH o AS (
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           false AS pending, CAST(NULL AS DATE) AS window_closes, finding_id
    FROM audit_opp_customers
    UNION ALL
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           coalesce(pending, false), window_closes, finding_id
    FROM audit_opp_followups
    UNION ALL
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           coalesce(pending, false), window_closes, finding_id
    FROM audit_opp_deals
    UNION ALL
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           coalesce(pending, false), window_closes, finding_id
    FROM audit_opp_complaints
    UNION ALL
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           false, CAST(NULL AS DATE), finding_id
    FROM audit_opp_data
), waivers AS (
    SELECT finding_id FROM audit_responses
    QUALIFY row_number() OVER (PARTITION BY finding_id ORDER BY responded_at DESC) = 1 AND action = 'waive'
)
SELECT o.*, o.failed AND w.finding_id IS NOT NULL AS waived,
       NOT o.pending AND NOT (o.failed AND w.finding_id IS NOT NULL) AS counted
FROM o LEFT JOIN waivers w USING (finding_id);

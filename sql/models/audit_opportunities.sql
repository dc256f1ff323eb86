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
-- reports) keeps its key, texts and finding id there, in a row of its
-- own; a pass keeps only its quarter, check, rep and verdict, and where a
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
WITH o AS (
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           false AS pending, CAST(NULL AS DATE) AS window_closes, finding_id
    FROM audit_opp_customers WHERE failed
    UNION ALL
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           coalesce(pending, false), window_closes, finding_id
    FROM audit_opp_followups WHERE failed OR pending
    UNION ALL
    SELECT period, check_id, rep_id, opportunity_key, customer_id, deal_id, date, failed, detail, detail_zh,
           coalesce(pending, false), window_closes, finding_id
    FROM audit_opp_deals WHERE failed OR pending
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

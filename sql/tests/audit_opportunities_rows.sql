-- tests: audit_opportunities
-- Every listed opportunity failed or is pending; a failed one says why; a
-- pending one is not failed and names the day its window closes; each has
-- a finding id. (Its rep and whether it was judged at all are checked over
-- every opportunity, audit_opp_counts_rows.sql.) One pass over the view,
-- which reads the five audit_opp_* tables, leaving its texts unread:
-- the follow-up and deal checks' are written from a row's reason and
-- dates as the view is read (3.6 million of them at ten million deals,
-- 1.5 s to write both languages here). Those tables are asked for the
-- reason and date instead (the texts of every reason are held to
-- testdata/audit_texts.golden), the others for their stored texts.
SELECT period, check_id, opportunity_key, problem
FROM (
    SELECT period, check_id, opportunity_key,
           CASE WHEN NOT coalesce(failed OR pending, false) THEN 'listed but neither failed nor pending'
                WHEN pending AND (failed OR window_closes IS NULL) THEN 'pending but failed, or without window_closes'
                WHEN finding_id IS NULL THEN 'failed or pending without a finding_id' END AS problem
    FROM audit_opportunities
)
WHERE problem IS NOT NULL
UNION ALL
SELECT period, check_id, opportunity_key, 'finding without detail'
FROM (SELECT period, check_id, opportunity_key, failed, detail, detail_zh, date FROM audit_opp_customers
      UNION ALL SELECT period, check_id, opportunity_key, failed, detail, detail_zh, date FROM audit_opp_complaints
      UNION ALL SELECT period, check_id, opportunity_key, failed, detail, detail_zh, date FROM audit_opp_data)
WHERE failed AND (detail IS NULL OR detail_zh IS NULL OR date IS NULL)
UNION ALL
SELECT period, check_id, opportunity_key, 'listed without the reason or date its texts are written from'
FROM (SELECT period, check_id, opportunity_key, failed, pending, reason, date FROM audit_opp_followups
      UNION ALL SELECT period, check_id, opportunity_key, failed, pending, reason, date FROM audit_opp_deals)
WHERE (failed OR pending) AND (reason IS NULL OR date IS NULL)

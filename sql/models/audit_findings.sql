-- depends: audit_opportunities, audit_finding_repeats, audit_checks, audit_quarters, rep_dim
-- reads: audit_responses
-- The finding rows of audit.md, per quarter: check_id, severity, rep_id,
-- customer_id, deal_id, date, detail (English; detail_zh for Chinese
-- reports), and the opportunity they failed; then what makes a finding
-- actionable:
--   owner     the rep's manager when the roster names one, else the rep;
--             "unassigned" for unknown and unattributed (nobody to ask)
--   due_date  audit_end + audit_response_days (audit_quarters)
--   repeat    the same check failed on the same thing the quarter before
--   response  the latest ack/waive of this finding; prev_* that of the
--             quarter before's, shown next to a repeat
-- A view: the report reads one quarter's findings, a page at a time,
-- and as a table this copied the failed rows of every audited quarter
-- with their texts a second time (4 million rows at 10 million deals,
-- 21 of the audit transform's 105 s), where reading them through the
-- view costs each page about a tenth of a second more.
CREATE OR REPLACE VIEW audit_findings AS
WITH resp AS NOT MATERIALIZED (
    -- Inlined in both its joins: a materialised CTE kept DuckDB from
    -- pruning the view's columns, so a count of findings read every
    -- detail text (1.3 s against 0.44 s for one quarter at 10M deals).
    SELECT * FROM audit_responses
    QUALIFY row_number() OVER (PARTITION BY finding_id ORDER BY responded_at DESC) = 1
)
SELECT o.period, o.finding_id, o.check_id, c.severity, o.rep_id, o.customer_id, o.deal_id, o.date,
       o.detail, o.detail_zh, o.opportunity_key, o.waived,
       CASE WHEN NOT coalesce(d.in_roster, false) THEN 'unassigned'
            ELSE coalesce(nullif(trim(d.manager_id), ''), o.rep_id) END AS owner_id,
       CASE WHEN NOT coalesce(d.in_roster, false) THEN 'unassigned'
            WHEN nullif(trim(d.manager_id), '') IS NULL THEN coalesce(d.name, o.rep_id)
            ELSE coalesce(m.name, trim(d.manager_id)) END AS owner_name,
       q.due_date,
       x.prev_finding_id IS NOT NULL AS repeat, x.prev_finding_id,
       r.action AS response, r.by_name AS response_by, r.note AS response_note, r.responded_at,
       pr.action AS prev_response, pr.by_name AS prev_response_by, pr.note AS prev_response_note,
       pr.responded_at AS prev_responded_at
FROM audit_opportunities o
JOIN audit_checks c USING (check_id)
JOIN audit_quarters q USING (period)
LEFT JOIN rep_dim d ON d.rep_id = o.rep_id
LEFT JOIN rep_dim m ON m.rep_id = trim(d.manager_id)
LEFT JOIN audit_finding_repeats x ON x.finding_id = o.finding_id
LEFT JOIN resp r ON r.finding_id = o.finding_id
LEFT JOIN resp pr ON pr.finding_id = x.prev_finding_id
WHERE o.failed;

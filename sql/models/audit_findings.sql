-- depends: audit_opportunities, audit_checks, audit_quarters, rep_dim
-- reads: audit_responses
-- threads: 1
-- The finding rows of audit.md, per quarter: check_id, severity, rep_id,
-- customer_id, deal_id, date, detail (English; detail_zh for Chinese
-- reports), and the opportunity they failed; then what makes a finding
-- actionable:
--   owner     the rep's manager when the roster names one, else the rep;
--             "unassigned" for unknown and unattributed (nobody to ask)
--   due_date  audit_end + audit_response_days: a finished quarter's
--             audit_end is its last day, so a rerun does not move it
--   repeat    the same check failed on the same thing the quarter before
--   response  the latest ack/waive of this finding; prev_* that of the
--             quarter before's, shown next to a repeat
-- One thread: with the audit's other tables of the transaction held, two
-- threads each building their share of the joins ran out of the default
-- 600MB at 10 million deals on a warehouse the monthly job had used.
CREATE OR REPLACE TABLE audit_findings AS
WITH v AS (SELECT CAST(coalesce(getvariable('audit_response_days'), 14) AS INTEGER) AS days),
resp AS (
    SELECT * FROM audit_responses
    QUALIFY row_number() OVER (PARTITION BY finding_id ORDER BY responded_at DESC) = 1
), failed AS (
    -- The repeat link is found on the failed opportunities' keys alone and
    -- joined back by finding_id. Joining the quarter before's opportunities
    -- to the findings' whole rows (texts and all) ran out of memory at the
    -- default limit with 10 million deals, and needs more than 100MB alone
    -- at 1 million; this form builds within 100MB there.
    SELECT period, check_id, opportunity_key, finding_id FROM audit_opportunities WHERE failed
), repeats AS (
    SELECT f.finding_id, p.finding_id AS prev_finding_id
    FROM failed f
    JOIN audit_quarters q USING (period)
    JOIN failed p ON p.period = q.prev_period AND p.check_id = f.check_id AND p.opportunity_key = f.opportunity_key
)
SELECT o.period, o.finding_id, o.check_id, c.severity, o.rep_id, o.customer_id, o.deal_id, o.date,
       o.detail, o.detail_zh, o.opportunity_key, o.waived,
       CASE WHEN NOT coalesce(d.in_roster, false) THEN 'unassigned'
            ELSE coalesce(nullif(trim(d.manager_id), ''), o.rep_id) END AS owner_id,
       CASE WHEN NOT coalesce(d.in_roster, false) THEN 'unassigned'
            WHEN nullif(trim(d.manager_id), '') IS NULL THEN coalesce(d.name, o.rep_id)
            ELSE coalesce(m.name, trim(d.manager_id)) END AS owner_name,
       q.audit_end + v.days AS due_date,
       x.prev_finding_id IS NOT NULL AS repeat, x.prev_finding_id,
       r.action AS response, r.by_name AS response_by, r.note AS response_note, r.responded_at,
       pr.action AS prev_response, pr.by_name AS prev_response_by, pr.note AS prev_response_note,
       pr.responded_at AS prev_responded_at
FROM audit_opportunities o
CROSS JOIN v
JOIN audit_checks c USING (check_id)
JOIN audit_quarters q USING (period)
LEFT JOIN rep_dim d ON d.rep_id = o.rep_id
LEFT JOIN rep_dim m ON m.rep_id = trim(d.manager_id)
LEFT JOIN repeats x ON x.finding_id = o.finding_id
LEFT JOIN resp r ON r.finding_id = o.finding_id
LEFT JOIN resp pr ON pr.finding_id = x.prev_finding_id
WHERE o.failed;

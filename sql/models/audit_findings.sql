-- depends: audit_opportunities, audit_checks
-- The finding rows of audit.md, per quarter: check_id, severity, rep_id,
-- customer_id, deal_id, date, detail (English; detail_zh for Chinese
-- reports), and the opportunity they failed.
CREATE OR REPLACE TABLE audit_findings AS
SELECT o.period, o.check_id, c.severity, o.rep_id, o.customer_id, o.deal_id, o.date,
       o.detail, o.detail_zh, o.opportunity_key
FROM audit_opportunities o JOIN audit_checks c USING (check_id)
WHERE o.failed;

-- The nine checks of audit.md with their severity and configured weight.
-- Severity says how much a single finding matters to an auditor: a missing
-- contract, an unheard customer before signing or a neglected complaint is
-- high; gaps in customer care are medium; bookkeeping is low.
CREATE OR REPLACE TABLE audit_checks AS
SELECT check_id, severity, sort,
       CAST(coalesce(CAST(weight AS DECIMAL(38,18)), 1) AS DECIMAL(38,18)) AS weight
FROM (VALUES
    ('A1', 'medium', 1, getvariable('audit_weight_a1')),
    ('A2', 'medium', 2, getvariable('audit_weight_a2')),
    ('A3', 'low',    3, getvariable('audit_weight_a3')),
    ('A4', 'high',   4, getvariable('audit_weight_a4')),
    ('A5', 'high',   5, getvariable('audit_weight_a5')),
    ('A6', 'high',   6, getvariable('audit_weight_a6')),
    ('A7', 'medium', 7, getvariable('audit_weight_a7')),
    ('A8', 'medium', 8, getvariable('audit_weight_a8')),
    ('A9', 'low',    9, getvariable('audit_weight_a9'))
) AS t(check_id, severity, sort, weight);

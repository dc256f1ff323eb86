-- reads: customers, fx_rates, reps, surveys, tickets
-- The roster plus the two reps of metrics.md that are not people:
-- "unknown" (any rep id missing from the roster) and "unattributed"
-- (a survey response with neither a rep nor a customer owner).
CREATE OR REPLACE TABLE rep_dim AS
SELECT rep_id, coalesce(name, rep_id) AS name, team, region, manager_id, hire_date, leave_date, true AS in_roster
FROM reps
UNION ALL SELECT 'unknown', 'unknown', NULL, NULL, NULL, NULL, NULL, false
UNION ALL SELECT 'unattributed', 'unattributed', NULL, NULL, NULL, NULL, NULL, false;

-- tests: followup_facts
-- Each followup_id is held by one row of followups (canonical_keys_unique.sql
-- says why the check is a data test, and why it lives with the model
-- reading the table).
SELECT 'followups' AS tbl, followup_id AS key, count(*) AS n FROM followups GROUP BY followup_id HAVING count(*) > 1

-- tests: followup_facts
-- first: a duplicated key must fail here, as itself, before a model that reads the table fails a test of its own on the symptom
-- refresh: followup_id
-- Each followup_id is held by one row of followups (canonical_keys_unique.sql
-- says why the check is a data test, and why it lives with the model
-- reading the table).
-- The 64-bit hashes of the keys are sorted and compared with their
-- neighbour, and only the keys whose hash repeats are then grouped: a
-- repeated key repeats its hash, so the failing rows are those of grouping
-- every key, at less cost (grouping 20M keys built a hash table of 20M
-- strings; sorting their hashes took 40% less time at M).
-- On a new day it reads only the rows of the keys written since it last
-- passed (the refresh header; transform/keyed_tests.go says why that is
-- enough and when it reads everything again).
WITH hashes AS (
    SELECT h, lag(h) OVER (ORDER BY h) AS prev FROM (SELECT hash(followup_id) AS h FROM followups)
)
SELECT 'followups' AS tbl, followup_id AS key, count(*) AS n FROM followups
WHERE hash(followup_id) IN (SELECT h FROM hashes WHERE h = prev)
GROUP BY followup_id HAVING count(*) > 1

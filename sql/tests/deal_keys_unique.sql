-- tests: deal_events
-- first: a duplicated key must fail here, as itself, before a model that reads the table fails a test of its own on the symptom
-- refresh: deal_id
-- Each deal_id is held by one row of deals (canonical_keys_unique.sql says
-- why the check is a data test, and why it lives with the model reading
-- the table). As in followup_keys_unique.sql, only the keys whose 64-bit
-- hash repeats among the sorted hashes are grouped: the same failing rows
-- as grouping every key, at less cost.
-- On a new day it reads only the rows of the keys written since it last
-- passed (the refresh header; transform/keyed_tests.go says why that is
-- enough and when it reads everything again).
WITH hashes AS (
    SELECT h, lag(h) OVER (ORDER BY h) AS prev FROM (SELECT hash(deal_id) AS h FROM deals)
)
SELECT 'deals' AS tbl, deal_id AS key, count(*) AS n FROM deals
WHERE hash(deal_id) IN (SELECT h FROM hashes WHERE h = prev)
GROUP BY deal_id HAVING count(*) > 1

-- tests: deal_events
-- Each deal_id is held by one row of deals (canonical_keys_unique.sql says
-- why the check is a data test, and why it lives with the model reading
-- the table).
SELECT 'deals' AS tbl, deal_id AS key, count(*) AS n FROM deals GROUP BY deal_id HAVING count(*) > 1

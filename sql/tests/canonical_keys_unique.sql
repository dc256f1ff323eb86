-- tests: rep_dim
-- first: a duplicated key must fail here, as itself, before a model that reads the table fails a test of its own on the symptom
-- The canonical tables have no PRIMARY KEY (an index on ten million keys
-- cost more than the load); ingest keeps each key once. Any key held by
-- more than one row of any canonical table is a failure. Deals and
-- follow-ups, the large tables a new day adds to, are checked by the
-- models that read them (deal_keys_unique.sql, followup_keys_unique.sql),
-- so a new day of deals does not hash every follow-up's key again, nor
-- rebuild rep_dim and what follows it.
SELECT 'reps' AS tbl, rep_id AS key, count(*) AS n FROM reps GROUP BY rep_id HAVING count(*) > 1
UNION ALL SELECT 'customers', customer_id, count(*) FROM customers GROUP BY customer_id HAVING count(*) > 1
UNION ALL SELECT 'surveys', survey_id, count(*) FROM surveys GROUP BY survey_id HAVING count(*) > 1
UNION ALL SELECT 'tickets', ticket_id, count(*) FROM tickets GROUP BY ticket_id HAVING count(*) > 1
UNION ALL SELECT 'fx_rates', currency || '/' || month, count(*) FROM fx_rates GROUP BY currency, month HAVING count(*) > 1

-- reads: followups
-- Each customer's latest follow-up on or before as_of (coverage_customers'
-- input): a latest combines over disjoint sets of follow-ups, so a day
-- that only adds follow-ups is merged in (transform/merge.go) and
-- coverage_customers reads these 200,000 rows at L instead of 20M
-- follow-ups. A new as_of rebuilds it, as it rebuilds coverage.
-- Compared as timestamps (before the day after as_of), so the scan
-- filters without casting every follow-up to a date.
CREATE OR REPLACE TABLE customer_last_followup AS
SELECT customer_id, max(followup_at) AS last_at
FROM followups
WHERE followup_at < CAST(CAST(getvariable('as_of') AS DATE) + 1 AS TIMESTAMP)
GROUP BY customer_id;
-- on new rows:
MERGE INTO customer_last_followup AS c
USING _new_rows AS n ON c.customer_id = n.customer_id
WHEN MATCHED THEN UPDATE SET last_at = greatest(c.last_at, n.last_at)
WHEN NOT MATCHED THEN INSERT (customer_id, last_at) VALUES (n.customer_id, n.last_at);

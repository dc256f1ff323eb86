-- reads: followups
-- A customer's follow-ups in a calendar year, summed up once for the
-- models that read every follow-up by customer: how many (touches), the
-- first (the earliest followup_at, ties to the smallest followup_id in
-- byte order: its time, id and rep) and the funnel stages as
-- customer_year_stages' mask (four bits a month: development 1,
-- follow_up 2, contract 4, after_sales 8; any other stage sets none).
-- lead_facts and customer_year_stages read its rows (420,000 at 20M
-- follow-ups) instead of the follow-ups.
-- Every column combines over disjoint sets of follow-ups (a count, an
-- earliest, a bit OR), so a day that only adds follow-ups is merged in
-- (transform/merge.go): the statement after "-- on new rows:" folds the
-- same summary of the new follow-ups alone (_new_rows) into the table. A
-- follow-up changed or removed since rebuilds it.
CREATE OR REPLACE TABLE customer_year_followups AS
WITH years AS (
    SELECT customer_id, year(followup_at) AS year, count(*) AS touches, min(followup_at) AS first_at,
           bit_or(CAST(CASE stage WHEN 'development' THEN 1 WHEN 'follow_up' THEN 2 WHEN 'contract' THEN 4
                                  WHEN 'after_sales' THEN 8 ELSE 0 END AS BIGINT) << (4 * (month(followup_at) - 1))) AS mask
    FROM followups
    GROUP BY ALL
), firsts AS (
    -- Among the follow-ups at the year's first time, the smallest
    -- followup_id (unique, followup_keys_unique.sql: arg_min takes that
    -- follow-up's rep). Two aggregates and a join, not one arg_min keyed
    -- on a struct of both, which compared a struct per follow-up (4.2 s
    -- against 3.2 s at 20M).
    SELECT f.customer_id, y.year, min(f.followup_id) AS first_followup_id, arg_min(f.rep_id, f.followup_id) AS first_rep_id
    FROM followups f JOIN years y ON y.customer_id = f.customer_id AND y.first_at = f.followup_at
    GROUP BY ALL
)
SELECT y.customer_id, y.year, y.touches, y.first_at, x.first_followup_id, x.first_rep_id, y.mask
FROM years y JOIN firsts x USING (customer_id, year);
-- on new rows:
MERGE INTO customer_year_followups AS c
USING _new_rows AS n ON c.customer_id = n.customer_id AND c.year = n.year
WHEN MATCHED THEN UPDATE SET
    touches = c.touches + n.touches,
    mask = c.mask | n.mask,
    -- The earlier first, by time, then by followup_id.
    first_at = CASE WHEN n.first_at < c.first_at OR (n.first_at = c.first_at AND n.first_followup_id < c.first_followup_id)
                    THEN n.first_at ELSE c.first_at END,
    first_followup_id = CASE WHEN n.first_at < c.first_at OR (n.first_at = c.first_at AND n.first_followup_id < c.first_followup_id)
                             THEN n.first_followup_id ELSE c.first_followup_id END,
    first_rep_id = CASE WHEN n.first_at < c.first_at OR (n.first_at = c.first_at AND n.first_followup_id < c.first_followup_id)
                        THEN n.first_rep_id ELSE c.first_rep_id END
WHEN NOT MATCHED THEN INSERT (customer_id, year, touches, first_at, first_followup_id, first_rep_id, mask)
    VALUES (n.customer_id, n.year, n.touches, n.first_at, n.first_followup_id, n.first_rep_id, n.mask);

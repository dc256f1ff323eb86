-- depends: customer_year_followups, customer_year_wins
-- A customer's funnel stages in a year as one 48-bit mask, four bits a
-- month: month m holds bits 4(m − 1) to 4m − 1, and stage s bit s − 1 of
-- them (development 1, follow_up 2, contract 4, after_sales 8); a deal won
-- in a month sets its contract bit. funnel_period turns them into each
-- period's stage counts. Grouping by customer and year makes a seventh of
-- the groups of customer and month (3.5M at L, a hash table past the
-- caches), and a month's or quarter's stages are then bit arithmetic on
-- one row. A range join of every follow-up with every period made 40
-- million rows at 20 million follow-ups; a self-join of the members on
-- customer_id for "in both stages" cost more than all the rest.
-- The follow-ups' stages come summed up by customer and year
-- (customer_year_followups, where a new day's follow-ups are merged in),
-- and the won deals counted by customer, year and month
-- (customer_year_wins, where a day's changed deals are merged in), so a
-- new day reads those rows, not every follow-up and deal.
-- A year whose follow-ups set no stage and no deal was won in is no row.
CREATE OR REPLACE TABLE customer_year_stages AS
SELECT customer_id, year, bit_or(bits) AS mask
FROM (
    SELECT customer_id, year, mask AS bits FROM customer_year_followups WHERE mask <> 0
    UNION ALL
    -- month m's contract bit is 4 << 4(m − 1)
    SELECT customer_id, year,
           (CASE WHEN m01 > 0 THEN CAST(4 AS BIGINT) << 0 ELSE 0 END) | (CASE WHEN m02 > 0 THEN CAST(4 AS BIGINT) << 4 ELSE 0 END)
         | (CASE WHEN m03 > 0 THEN CAST(4 AS BIGINT) << 8 ELSE 0 END) | (CASE WHEN m04 > 0 THEN CAST(4 AS BIGINT) << 12 ELSE 0 END)
         | (CASE WHEN m05 > 0 THEN CAST(4 AS BIGINT) << 16 ELSE 0 END) | (CASE WHEN m06 > 0 THEN CAST(4 AS BIGINT) << 20 ELSE 0 END)
         | (CASE WHEN m07 > 0 THEN CAST(4 AS BIGINT) << 24 ELSE 0 END) | (CASE WHEN m08 > 0 THEN CAST(4 AS BIGINT) << 28 ELSE 0 END)
         | (CASE WHEN m09 > 0 THEN CAST(4 AS BIGINT) << 32 ELSE 0 END) | (CASE WHEN m10 > 0 THEN CAST(4 AS BIGINT) << 36 ELSE 0 END)
         | (CASE WHEN m11 > 0 THEN CAST(4 AS BIGINT) << 40 ELSE 0 END) | (CASE WHEN m12 > 0 THEN CAST(4 AS BIGINT) << 44 ELSE 0 END)
    FROM customer_year_wins
)
GROUP BY ALL;

-- reads: deals
-- depends: customer_year_followups
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
-- so a new day reads those rows and the won deals, not every follow-up.
-- A year whose follow-ups set no stage and no deal was won in is no row.
CREATE OR REPLACE TABLE customer_year_stages AS
SELECT customer_id, year, bit_or(bits) AS mask
FROM (
    SELECT customer_id, year, mask AS bits FROM customer_year_followups WHERE mask <> 0
    UNION ALL
    -- deal_events' won events: status won, or cancelled with a close_date.
    SELECT d.customer_id, year(d.close_date), CAST(4 AS BIGINT) << (4 * (month(d.close_date) - 1))
    FROM deals d
    WHERE d.status IN ('won', 'cancelled') AND d.close_date IS NOT NULL AND d.customer_id IS NOT NULL
)
GROUP BY ALL;

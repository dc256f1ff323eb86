-- reads: deals
-- A customer's won deals per year, counted by month (m01 to m12): the
-- contract stage customer_year_stages sets for each month a deal was won
-- in. "Won" is deal_events' won event: status won, or cancelled with a
-- close_date, on its close_date.
-- Every column is a count, so a new day is merged by what it changed
-- (transform/merge.go, "on changed rows"): its new deals counted in, the
-- versions it replaced counted out, and a year left with no win deleted,
-- as a full build has no row for it. A day then reads its own rows, not
-- the 4.9M won deals of L.
CREATE OR REPLACE TABLE customer_year_wins AS
SELECT customer_id, year(close_date) AS year,
       count(*) FILTER (WHERE month(close_date) = 1) AS m01, count(*) FILTER (WHERE month(close_date) = 2) AS m02,
       count(*) FILTER (WHERE month(close_date) = 3) AS m03, count(*) FILTER (WHERE month(close_date) = 4) AS m04,
       count(*) FILTER (WHERE month(close_date) = 5) AS m05, count(*) FILTER (WHERE month(close_date) = 6) AS m06,
       count(*) FILTER (WHERE month(close_date) = 7) AS m07, count(*) FILTER (WHERE month(close_date) = 8) AS m08,
       count(*) FILTER (WHERE month(close_date) = 9) AS m09, count(*) FILTER (WHERE month(close_date) = 10) AS m10,
       count(*) FILTER (WHERE month(close_date) = 11) AS m11, count(*) FILTER (WHERE month(close_date) = 12) AS m12,
       count(*) AS wins
FROM deals
WHERE status IN ('won', 'cancelled') AND close_date IS NOT NULL AND customer_id IS NOT NULL
GROUP BY ALL;
-- on changed rows:
MERGE INTO customer_year_wins AS c
USING (
    SELECT customer_id, year, sum(m01) AS m01, sum(m02) AS m02, sum(m03) AS m03, sum(m04) AS m04, sum(m05) AS m05,
           sum(m06) AS m06, sum(m07) AS m07, sum(m08) AS m08, sum(m09) AS m09, sum(m10) AS m10, sum(m11) AS m11,
           sum(m12) AS m12, sum(wins) AS wins
    FROM (
        SELECT * FROM _new_rows
        UNION ALL
        SELECT customer_id, year, -m01, -m02, -m03, -m04, -m05, -m06, -m07, -m08, -m09, -m10, -m11, -m12, -wins
        FROM _old_rows
    )
    GROUP BY customer_id, year
) AS n ON c.customer_id = n.customer_id AND c.year = n.year
WHEN MATCHED AND c.wins + n.wins = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET m01 = c.m01 + n.m01, m02 = c.m02 + n.m02, m03 = c.m03 + n.m03, m04 = c.m04 + n.m04,
    m05 = c.m05 + n.m05, m06 = c.m06 + n.m06, m07 = c.m07 + n.m07, m08 = c.m08 + n.m08, m09 = c.m09 + n.m09,
    m10 = c.m10 + n.m10, m11 = c.m11 + n.m11, m12 = c.m12 + n.m12, wins = c.wins + n.wins
WHEN NOT MATCHED THEN INSERT (customer_id, year, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, wins)
    VALUES (n.customer_id, n.year, n.m01, n.m02, n.m03, n.m04, n.m05, n.m06, n.m07, n.m08, n.m09, n.m10, n.m11, n.m12, n.wins);

-- tests: audit_opp_counts
-- threads: 1
-- One opportunity per check and thing checked in a quarter, over every
-- opportunity (the audit_opp_* tables: 33 million rows at 10 million
-- deals). As in deal_keys_unique.sql, only the keys whose 64-bit hash
-- repeats among the sorted hashes are grouped: the same failing rows as
-- grouping every key, in eight bytes a key rather than the key itself.
-- One thread: grouping these keys inside the transform's transaction once
-- ran out of the default memory_limit.
WITH every AS (
    SELECT period, check_id, opportunity_key FROM audit_opp_customers
    UNION ALL SELECT period, check_id, opportunity_key FROM audit_opp_followups
    UNION ALL SELECT period, check_id, opportunity_key FROM audit_opp_deals
    UNION ALL SELECT period, check_id, opportunity_key FROM audit_opp_complaints
    UNION ALL SELECT period, check_id, opportunity_key FROM audit_opp_data
), hashes AS (
    SELECT h, lag(h) OVER (ORDER BY h) AS prev
    FROM (SELECT hash(period, check_id, opportunity_key) AS h FROM every)
)
SELECT period, check_id, opportunity_key, 'duplicate opportunity' AS problem
FROM every WHERE hash(period, check_id, opportunity_key) IN (SELECT h FROM hashes WHERE h = prev)
GROUP BY ALL HAVING count(*) > 1

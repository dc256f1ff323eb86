-- tests: audit_opp_counts
-- threads: 1
-- One opportunity per check and thing checked in a quarter. Only a listed
-- opportunity (failed or pending) keeps its key in the audit_opp_* tables,
-- in a row of its own: a key twice is two rows, or one that counts two
-- (n_opps, where passes fold). A pass is counted by its quarter, check and
-- rep alone. A pass counted
-- twice would have to be a source row twice, which deal_keys_unique.sql
-- and followup_keys_unique.sql rule out. As in deal_keys_unique.sql, only
-- the keys whose 64-bit hash repeats among the sorted hashes are grouped:
-- the same failing rows as grouping every key, in eight bytes a key.
-- One thread: grouping these keys inside the transform's transaction once
-- ran out of the default memory_limit.
WITH every AS (
    SELECT period, check_id, opportunity_key, n_opps FROM audit_opp_customers WHERE opportunity_key IS NOT NULL
    UNION ALL SELECT period, check_id, opportunity_key, n_opps FROM audit_opp_followups WHERE opportunity_key IS NOT NULL
    UNION ALL SELECT period, check_id, opportunity_key, n_opps FROM audit_opp_deals WHERE opportunity_key IS NOT NULL
    UNION ALL SELECT period, check_id, opportunity_key, n_opps FROM audit_opp_complaints WHERE opportunity_key IS NOT NULL
    UNION ALL SELECT period, check_id, opportunity_key, n_opps FROM audit_opp_data WHERE opportunity_key IS NOT NULL
), hashes AS (
    SELECT h, lag(h) OVER (ORDER BY h) AS prev
    FROM (SELECT hash(period, check_id, opportunity_key) AS h FROM every)
)
SELECT period, check_id, opportunity_key, 'duplicate opportunity' AS problem
FROM every WHERE hash(period, check_id, opportunity_key) IN (SELECT h FROM hashes WHERE h = prev)
GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT period, check_id, opportunity_key, 'duplicate opportunity' FROM every WHERE n_opps > 1

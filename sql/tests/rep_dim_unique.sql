-- tests: rep_dim
-- A roster rep may not take the reserved ids "unknown" or "unattributed".
SELECT rep_id, count(*) AS n FROM rep_dim GROUP BY rep_id HAVING count(*) > 1

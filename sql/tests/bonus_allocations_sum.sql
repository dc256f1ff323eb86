-- tests: bonus_allocations
-- The allocations sum to the allocated total, and pool = allocated + unallocated.
SELECT p.period, p.pool, p.allocated, p.unallocated, sum(a.allocation) AS sum_allocations
FROM bonus_pools p LEFT JOIN bonus_allocations a USING (period)
GROUP BY ALL
HAVING coalesce(sum(a.allocation), 0) <> p.allocated OR p.allocated + p.unallocated <> p.pool

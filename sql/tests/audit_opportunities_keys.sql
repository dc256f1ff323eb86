-- tests: audit_opportunities
-- threads: 1
-- One opportunity per check and thing checked in a quarter. Each of the
-- three audit_opportunities tests holds one aggregate at most, on one
-- thread: at 10 million deals the view has 33 million rows, and the one
-- test that grouped its keys and its finding ids at once ran out of the
-- default memory_limit inside the transform's transaction.
SELECT period, check_id, opportunity_key, 'duplicate opportunity' AS problem
FROM audit_opportunities GROUP BY ALL HAVING count(*) > 1

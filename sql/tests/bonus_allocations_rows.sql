-- tests: bonus_allocations
-- One row per roster rep and month, eligible or not; nothing paid to the
-- ineligible; no allocation above the cap.
SELECT b.period, b.rep_id, 'missing allocation row' AS problem FROM bonus_inputs b
LEFT JOIN bonus_allocations a USING (period, rep_id) WHERE a.rep_id IS NULL
UNION ALL
SELECT a.period, a.rep_id, 'allocation row without input' FROM bonus_allocations a
LEFT JOIN bonus_inputs b USING (period, rep_id) WHERE b.rep_id IS NULL
UNION ALL
SELECT a.period, a.rep_id, 'ineligible rep paid' FROM bonus_allocations a WHERE NOT a.eligible AND a.allocation <> 0
UNION ALL
SELECT a.period, a.rep_id, 'above the cap' FROM bonus_allocations a JOIN bonus_pools p USING (period)
WHERE p.cap_enabled AND a.allocation > p.cap
UNION ALL
SELECT r.period, r.rep_id, 'roster rep without a row' FROM (
    SELECT p.period, d.rep_id FROM bonus_pools p CROSS JOIN rep_dim d WHERE d.in_roster) r
LEFT JOIN bonus_allocations a USING (period, rep_id) WHERE a.rep_id IS NULL

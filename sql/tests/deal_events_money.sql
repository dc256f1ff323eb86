-- tests: deal_events
-- Wins and cancellations move money: each must have an amount.
SELECT deal_id, event FROM deal_events WHERE event IN ('won', 'cancelled') AND amount IS NULL

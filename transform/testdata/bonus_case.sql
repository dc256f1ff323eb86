-- A hand-computed month (bonus_models_test.go states the arithmetic).
INSERT INTO reps (rep_id, name, team, region, hire_date, leave_date) VALUES
  ('A', 'Ann', 'T1', 'East', DATE '2020-01-01', NULL),
  ('B', 'Bo',  'T1', 'East', DATE '2021-01-01', NULL),
  ('C', 'Cy',  'T2', 'South', DATE '2026-11-05', NULL),         -- hired after October's end
  ('D', 'Di',  'T2', 'South', DATE '2019-01-01', DATE '2026-10-15'), -- left before October's end
  ('E', 'Ed',  'T2', 'South', DATE '2019-01-01', DATE '2026-10-31'); -- employed at month end
INSERT INTO customers (customer_id, company_name, owner_rep_id) VALUES
  ('c1', 'One', 'A'), ('c2', 'Two', 'B'), ('c5', 'Five', 'E'), ('c7', 'Seven', 'D');
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, cancel_date) VALUES
  ('d1', 'c1', 'A', 'won', 10000.00, DATE '2026-09-01', DATE '2026-10-05', NULL),
  ('d2', 'c2', 'B', 'won', 6000.00, NULL, DATE '2026-10-10', NULL),
  ('d3', 'c3', 'A', 'cancelled', 3000.00, NULL, DATE '2026-09-20', DATE '2026-10-12'), -- clawback across months
  ('d4', 'c2', 'B', 'cancelled', 1000.00, NULL, DATE '2026-10-03', DATE '2026-10-20'), -- same month
  ('d5', 'c5', 'E', 'cancelled', 500.00, NULL, DATE '2026-10-08', NULL),            -- no cancel date: nets to 0
  ('d6', 'c6', 'S999', 'won', 4000.00, NULL, DATE '2026-10-15', NULL),              -- rep not in roster
  ('d7', 'c7', 'D', 'won', 2000.00, NULL, DATE '2026-10-02', NULL),                 -- ineligible rep's sale
  ('d8', 'c8', 'C', 'cancelled', 999.00, NULL, NULL, DATE '2026-10-09'),            -- never won: never counts
  ('d9', 'c9', 'B', 'lost', 0.00, NULL, DATE '2026-10-11', NULL),
  ('d10', NULL, 'A', 'open', NULL, DATE '2026-10-01', NULL, NULL),
  ('d11', 'c3', 'A', 'cancelled', 1000.00, NULL, DATE '2026-09-25', DATE '2026-11-02'); -- November goes negative
INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score) VALUES
  ('s1', 'c1', NULL, DATE '2026-10-06', 5),   -- no rep: the customer's owner A
  ('s2', 'c1', 'A', DATE '2026-10-07', 4),
  ('s3', 'c1', 'A', DATE '2026-10-08', 2),
  ('s4', 'c9', NULL, DATE '2026-10-09', 5),   -- no rep, no customer record: unattributed
  ('s5', 'c2', 'S777', DATE '2026-10-09', 1); -- rep not in roster: unknown

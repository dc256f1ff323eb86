-- The survey window of A7 around the end of 2026-Q3, acknowledgements and
-- repeats; audit_pending_test.go states what each deal must give and why.
INSERT INTO reps (rep_id, name, team, manager_id, hire_date) VALUES
  ('A', 'Ann', 'T1', 'M', DATE '2020-01-01'),   -- managed by M: M owns A's findings
  ('B', 'Bo',  'T1', NULL, DATE '2020-01-01'),  -- no manager: owns its own
  ('M', 'Mei', 'T1', NULL, DATE '2020-01-01');
INSERT INTO customers (customer_id, company_name, contact_name, phone, industry, region, owner_rep_id) VALUES
  ('k1', 'One', 'x', '1', 'IT', 'East', 'A'), ('k2', 'Two', 'x', '1', 'IT', 'East', 'A'),
  ('k3', 'Three', 'x', '1', 'IT', 'East', 'A'), ('k4', 'Four', 'x', '1', 'IT', 'East', 'A'),
  ('k5', 'Five', 'x', '1', 'IT', 'East', 'B'),
  ('k6', 'Six', 'x', '1', NULL, 'East', 'M'),   -- no industry: A1 in Q2 and Q3 (a repeat)
  ('k7', 'Seven', 'x', '1', 'IT', 'East', 'M');
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, contract_archived) VALUES
  ('w1', 'k1', 'A', 'won', 100.00, NULL, DATE '2026-09-20', true),  -- 10 days before the end
  ('w2', 'k2', 'A', 'won', 100.00, NULL, DATE '2026-07-22', true),  -- 70 days before, no survey
  ('w3', 'k3', 'A', 'won', 100.00, NULL, DATE '2026-07-10', true),  -- survey inside the window
  ('w4', 'k4', 'A', 'won', 100.00, NULL, DATE '2026-07-05', true),  -- survey on day 60
  ('w5', 'k5', 'B', 'won', 100.00, NULL, DATE '2026-07-06', true),  -- survey on day 61
  ('w6', 'k6', 'M', 'won', 100.00, NULL, DATE '2026-06-01', true),  -- Q2, window closes in Q3
  ('w7', 'k7', 'Z9', 'won', 100.00, NULL, DATE '2026-08-01', true); -- rep not in the roster
INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score) VALUES
  ('v3', 'k3', NULL, DATE '2026-08-01', 5),
  ('v4', 'k4', NULL, DATE '2026-09-03', 5),
  ('v5', 'k5', NULL, DATE '2026-09-05', 5),
  ('v7', 'k7', NULL, DATE '2026-08-02', 5);

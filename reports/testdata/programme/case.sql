-- The programme section's hand-computed case (programme_test.go states the
-- arithmetic): baseline 2026-01..2026-03, programme from 2026-04, reported
-- through 2026-06 (as_of 2026-06-30). July's deal and follow-up lie past
-- the reported month and must not count.
INSERT INTO reps (rep_id, name, team, region, hire_date) VALUES
  ('A', 'Ann', 'T1', 'East', DATE '2020-01-01'),
  ('B', 'Bo', 'T2', 'South', DATE '2020-01-01');
INSERT INTO customers (customer_id, company_name, owner_rep_id) VALUES
  ('c1', 'One', 'A'), ('c2', 'Two', 'A'), ('c3', 'Three', 'B'), ('c4', 'Four', 'B');
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, cancel_date) VALUES
  ('b1', 'c1', 'A', 'won', 10000.00, NULL, DATE '2026-01-20', NULL),
  ('b2', 'c2', 'A', 'won', 2000.00, NULL, DATE '2026-02-10', NULL),
  ('b3', 'c3', 'B', 'lost', 500.00, NULL, DATE '2026-03-05', NULL),
  ('b4', 'c3', 'B', 'lost', 0.00, NULL, DATE '2026-03-06', NULL),
  ('p1', 'c1', 'A', 'won', 9000.00, NULL, DATE '2026-04-10', NULL),
  ('p2', 'c2', 'A', 'won', 6000.00, NULL, DATE '2026-05-10', NULL),
  ('p3', 'c4', 'B', 'won', 3000.10, NULL, DATE '2026-06-10', NULL),
  ('p4', 'c3', 'B', 'lost', 700.00, NULL, DATE '2026-06-12', NULL),
  ('p5', 'c4', 'B', 'cancelled', 1200.00, NULL, DATE '2026-06-15', DATE '2026-06-20'),
  ('p6', 'c1', 'A', 'won', 5000.00, NULL, DATE '2026-07-05', NULL);
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage) VALUES
  ('fb1', 'c1', 'A', TIMESTAMP '2026-01-05 10:00', 'development'),
  ('fb2', 'c1', 'A', TIMESTAMP '2026-01-15 10:00', 'contract'),
  ('fb3', 'c2', 'A', TIMESTAMP '2026-02-01 10:00', 'development'),
  ('fb4', 'c2', 'A', TIMESTAMP '2026-02-05 10:00', 'contract'),
  ('fb5', 'c3', 'B', TIMESTAMP '2026-03-01 10:00', 'development'),
  ('fb6', 'c3', 'B', TIMESTAMP '2026-03-02 10:00', 'follow_up'),
  ('f1', 'c1', 'A', TIMESTAMP '2026-04-01 10:00', 'follow_up'),
  ('f2', 'c1', 'A', TIMESTAMP '2026-04-05 10:00', 'contract'),
  ('f3', 'c3', 'B', TIMESTAMP '2026-04-20 10:00', 'follow_up'),
  ('f4', 'c2', 'A', TIMESTAMP '2026-05-02 10:00', 'contract'),
  ('f5', 'c2', 'A', TIMESTAMP '2026-05-20 10:00', 'after_sales'),
  ('f6', 'c4', 'B', TIMESTAMP '2026-06-01 10:00', 'development'),
  ('f7', 'c4', 'B', TIMESTAMP '2026-06-08 10:00', 'contract'),
  ('f8', 'c1', 'A', TIMESTAMP '2026-07-01 10:00', 'follow_up');

-- A hand-computed company (kpi_test.go states the arithmetic). as_of
-- 2026-10-31, lead window 90 days, 10-point survey scale, baseline
-- 2026-01..2026-03.
INSERT INTO reps (rep_id, name, team, region, hire_date) VALUES
  ('A', 'Ann', 'T1', 'East', DATE '2020-01-01'),
  ('B', 'Bo', 'T1', 'East', DATE '2020-01-01'),
  ('C', '=HYPERLINK("http://example.com","x")', 'T2', 'South', DATE '2020-01-01'),
  ('D', 'Dee', 'T2', 'East', DATE '2020-01-01');
INSERT INTO customers (customer_id, company_name, owner_rep_id) VALUES
  ('c1', 'One', 'A'), ('c2', 'Two', 'A'), ('c3', 'Three', 'B'),
  ('c4', '=HYPERLINK("http://example.com","x")', 'C'),
  ('c5', 'Five', 'S999'), ('c6', 'Six', 'B'),
  ('c7', '</script><img src=x onerror=alert(1)>', 'C');
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, cancel_date) VALUES
  ('b1', 'c1', 'A', 'won', 4000.00, DATE '2026-01-01', DATE '2026-01-20', NULL),
  ('b2', 'c3', 'B', 'lost', 1000.00, NULL, DATE '2026-02-10', NULL),
  ('b3', 'c3', 'B', 'lost', 1000.00, NULL, DATE '2026-03-10', NULL),
  ('b4', 'c4', 'C', 'won', 2000.00, NULL, DATE '2026-03-15', NULL),
  ('d1', 'c1', 'A', 'won', 10000.00, DATE '2026-09-01', DATE '2026-10-05', NULL),
  ('d2', 'c2', 'A', 'cancelled', 2000.00, DATE '2026-10-01', DATE '2026-10-10', DATE '2026-10-20'),
  ('d3', 'c3', 'B', 'won', 3000.00, NULL, DATE '2026-10-12', NULL),
  ('d4', 'c3', 'B', 'lost', 500.00, NULL, DATE '2026-10-13', NULL),
  ('d5', 'c6', 'B', 'lost', 0.00, NULL, DATE '2026-10-14', NULL),
  ('d6', 'c6', 'B', 'lost', 800.00, NULL, DATE '2026-10-15', NULL),
  ('d7', 'c1', 'A', 'cancelled', 1500.00, NULL, DATE '2026-09-28', DATE '2026-10-03'),
  ('d8', 'c5', 'S999', 'won', 700.00, NULL, DATE '2026-10-20', NULL),
  ('d9', 'c4', 'C', 'open', NULL, DATE '2026-08-01', NULL, NULL),
  ('d10', 'c7', 'C', 'won', 1234.56, DATE '2026-10-01', DATE '2026-10-30', NULL);
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage) VALUES
  ('fb1', 'c1', 'A', TIMESTAMP '2026-01-05 10:00', 'development'),
  ('fb2', 'c1', 'A', TIMESTAMP '2026-01-15 10:00', 'follow_up'),
  ('fb3', 'c3', 'B', TIMESTAMP '2026-02-01 10:00', 'development'),
  ('fb4', 'c3', 'B', TIMESTAMP '2026-02-05 10:00', 'follow_up'),
  ('fb5', 'c4', 'C', TIMESTAMP '2026-03-01 10:00', 'development'),
  ('fb6', 'c4', 'C', TIMESTAMP '2026-03-02 10:00', 'contract'),
  ('f1', 'c1', 'A', TIMESTAMP '2026-10-02 10:00', 'follow_up'),
  ('f2', 'c2', 'A', TIMESTAMP '2026-10-03 10:00', 'development'),
  ('f3', 'c2', 'A', TIMESTAMP '2026-10-08 10:00', 'contract'),
  ('f4', 'c1', 'A', TIMESTAMP '2026-10-25 10:00', 'after_sales'),
  ('f5', 'c3', 'B', TIMESTAMP '2026-10-11 10:00', 'contract'),
  ('f6', 'c6', 'B', TIMESTAMP '2026-10-05 09:00', 'development'),
  ('f10', 'c6', 'A', TIMESTAMP '2026-10-05 09:00', 'follow_up'),   -- same instant as f6: f10 < f6 bytewise
  ('f7', 'c7', 'C', TIMESTAMP '2026-10-01 10:00', 'development'),   -- exactly 30 days before as_of
  ('f8', 'c5', 'S999', TIMESTAMP '2026-10-19 10:00', 'follow_up');
INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score) VALUES
  ('s1', 'c1', 'A', DATE '2026-10-06', 10),
  ('s2', 'c1', NULL, DATE '2026-10-07', 9),
  ('s3', 'c3', 'B', DATE '2026-10-08', 6),
  ('s4', 'c3', 'B', DATE '2026-10-09', 8),
  ('s5', 'c99', NULL, DATE '2026-10-10', 3),
  ('s6', 'c5', NULL, DATE '2026-10-11', 7);

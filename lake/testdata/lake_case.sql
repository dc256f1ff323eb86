-- A small company across three months for the lake's round trip: deals with
-- cents that a float would lose, an open deal (no close date: the null
-- partition), follow-ups, surveys, a ticket and fx rates; reps and
-- customers are dimensions, written whole.
INSERT INTO reps (rep_id, name, team, region, hire_date) VALUES
  ('A', 'Ann', 'T1', 'East', DATE '2020-01-01'),
  ('B', '博', 'T1', 'East', DATE '2021-01-01');
INSERT INTO customers (customer_id, company_name, contact_name, phone, industry, region, owner_rep_id) VALUES
  ('c1', 'One', 'Li', '138', 'Retail', 'East', 'A'),
  ('c2', '二号', 'Wang', '139', 'IT', 'East', 'B');
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, currency, amount_original, created_date, close_date, cancel_date) VALUES
  ('d1', 'c1', 'A', 'won', 1234567.89, 'CNY', 1234567.89, DATE '2026-08-01', DATE '2026-08-15', NULL),
  ('d2', 'c2', 'B', 'won', 0.10, 'USD', 0.01, NULL, DATE '2026-09-02', NULL),
  ('d3', 'c2', 'B', 'won', 0.20, 'CNY', 0.20, NULL, DATE '2026-09-30', NULL),
  ('d4', 'c1', 'A', 'cancelled', 999.99, 'CNY', 999.99, NULL, DATE '2026-09-10', DATE '2026-10-03'),
  ('d5', 'c1', 'A', 'won', 45.67, 'CNY', 45.67, NULL, DATE '2026-10-31', NULL),
  ('d6', 'c2', 'B', 'open', NULL, NULL, NULL, DATE '2026-10-05', NULL, NULL);
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, content, result) VALUES
  ('f1', 'c1', 'A', TIMESTAMP '2026-08-01 09:00', 'call', 'ok'),
  ('f2', 'c1', 'A', TIMESTAMP '2026-08-31 23:59:59', 'visit', 'ok'),
  ('f3', 'c2', 'B', TIMESTAMP '2026-09-01 00:00', 'call', 'ok'),
  ('f4', 'c2', 'B', TIMESTAMP '2026-10-20 15:30', 'mail', 'ok');
INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score) VALUES
  ('s1', 'c1', 'A', DATE '2026-08-20', 5),
  ('s2', 'c2', NULL, DATE '2026-10-01', 3);
INSERT INTO tickets (ticket_id, customer_id, rep_id, kind, opened_at, resolved_at) VALUES
  ('t1', 'c1', 'A', 'complaint', TIMESTAMP '2026-09-05 10:00', NULL);
INSERT INTO fx_rates (currency, month, rate) VALUES
  ('USD', '2026-09', 7.12345678), ('USD', '2026-10', 7.1);

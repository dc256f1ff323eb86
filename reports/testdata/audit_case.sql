-- The hand-computed 2026-Q3 of transform/testdata/audit_case.sql, with rep B
-- named with hostile markup (audit_test.go states the figures).
INSERT INTO reps (rep_id, name, team, region, hire_date) VALUES
  ('A', 'Ann', 'T1', 'East', DATE '2020-01-01'),
  ('B', '</script><img src=x onerror=alert(1)>', 'T1', 'East', DATE '2020-01-01'),
  ('C', 'Cy',  'T2', 'South', DATE '2020-01-01');
INSERT INTO customers (customer_id, company_name, contact_name, phone, email, industry, region, owner_rep_id, created_date) VALUES
  ('c1', 'One', 'Li', '138', NULL, 'Retail', 'East', 'A', NULL),
  ('c2', 'Two', 'Wang', NULL, 'w@two.cn', '  ', 'East', 'A', NULL),              -- industry blank: A1
  ('c3', '</script><img src=x onerror=alert(1)>', NULL, NULL, '', 'IT', 'East', 'B', NULL), -- no contact, no phone/email: A1
  ('c4', '=HYPERLINK("http://example.com","x")', 'Zhao', '139', NULL, 'IT', 'East', 'B', NULL),
  ('c5', 'Five', 'Sun', '137', NULL, 'IT', 'East', 'S999', DATE '2026-07-02'),  -- owner not in roster: unknown; A9
  ('c6', 'Six', 'Qian', '136', NULL, 'IT', 'East', 'C', DATE '2025-01-01'),     -- only a lost deal: never active
  ('c7', 'Seven', 'Zhou', '135', NULL, 'IT', 'East', NULL, NULL),               -- no owner: unattributed
  ('c8', 'Eight', 'Wu', '134', NULL, 'IT', NULL, 'C', NULL),                    -- no region, but inactive on 09-30
  ('c9', 'Nine', 'Zheng', '133', NULL, 'IT', 'South', 'C', NULL);
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, cancel_date, contract_archived) VALUES
  ('d1', 'c1', 'A', 'won', 100.00, NULL, DATE '2026-03-01', NULL, true),
  ('d2', 'c2', 'A', 'won', 100.00, NULL, DATE '2025-10-01', NULL, true),   -- c2 active through 2026-09-30
  ('d3', 'c3', 'B', 'open', NULL, DATE '2026-08-10', NULL, NULL, NULL),    -- c3 active from 08-10
  ('d4', 'c4', 'B', 'open', NULL, NULL, NULL, NULL, NULL),                 -- c4 always active
  ('d8', 'c8', 'C', 'won', 100.00, NULL, DATE '2025-09-30', NULL, true),   -- c8 active through 2026-09-29
  ('d10', 'c1', 'A', 'won', 100.00, NULL, DATE '2026-08-01', NULL, true),
  ('d11', 'c5', 'S999', 'won', 100.00, NULL, DATE '2026-07-15', NULL, NULL),
  ('d12', 'c7', 'B', 'won', 100.00, NULL, DATE '2026-09-10', NULL, false),
  ('d13', 'c4', 'B', 'cancelled', 100.00, NULL, DATE '2026-07-10', DATE '2026-07-20', true),
  ('d14', 'c9', 'C', 'won', 100.00, NULL, DATE '2026-09-20', NULL, true),
  ('d15', 'c1', 'A', 'cancelled', 100.00, NULL, NULL, DATE '2026-08-05', NULL), -- never won
  ('d16', 'c6', 'C', 'lost', 0.00, NULL, DATE '2026-08-05', NULL, NULL),
  ('d17', NULL, 'A', 'open', NULL, DATE '2026-07-05', NULL, NULL, NULL);
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, content, result, next_followup_date) VALUES
  ('f1a', 'c1', 'A', TIMESTAMP '2026-06-30 10:00', 'x', 'y', DATE '2026-07-28'),
  ('f1b', 'c1', 'A', TIMESTAMP '2026-07-31 10:00', '   ', 'y', NULL),
  ('f1c', 'c1', 'A', TIMESTAMP '2026-08-31 23:59', 'x', 'y', DATE '2026-09-26'),
  ('f1d', 'c1', 'A', TIMESTAMP '2026-09-30 00:00', 'x', 'y', DATE '2026-09-30'),
  ('f2a', 'c2', 'A', TIMESTAMP '2026-06-30 10:00', 'x', 'y', DATE '2026-07-27'),
  ('f2b', 'c2', 'A', TIMESTAMP '2026-08-01 10:00', 'x', 'y', DATE '2026-08-31'),
  ('f2c', 'c2', 'A', TIMESTAMP '2026-08-30 10:00', 'x', 'y', NULL),
  ('f2d', 'c2', 'A', TIMESTAMP '2026-09-29 10:00', 'x', 'y', NULL),
  ('f3a', 'c3', 'B', TIMESTAMP '2026-08-12 10:00', 'x', NULL, DATE '2026-09-10'),
  ('f3b', 'c3', 'B', TIMESTAMP '2026-09-10 10:00', 'x', 'y', NULL),
  ('f4a', 'c4', 'B', TIMESTAMP '2026-06-01 10:00', 'x', 'y', NULL),
  ('f4b', 'c4', 'B', TIMESTAMP '2026-07-01 10:00', 'x', 'y', NULL),
  ('f4c', 'c4', 'B', TIMESTAMP '2026-07-31 10:00', 'x', 'y', NULL),
  ('f4d', 'c4', 'S777', TIMESTAMP '2026-08-30 10:00', 'x', 'y', NULL),
  ('f4e', 'c4', 'B', TIMESTAMP '2026-09-29 10:00', 'x', 'y', DATE '2026-09-30'),
  ('f5a', 'c5', 'A', TIMESTAMP '2026-01-16 10:00', 'x', 'y', NULL),
  ('f7a', 'c7', 'B', TIMESTAMP '2026-03-13 10:00', 'x', 'y', NULL),
  ('f8a', 'c8', 'C', TIMESTAMP '2026-06-15 10:00', 'x', 'y', NULL),
  ('f9a', 'c9', 'C', TIMESTAMP '2026-09-20 10:00', 'x', 'y', NULL),
  ('f99', 'c99', 'A', TIMESTAMP '2026-08-15 10:00', 'x', 'y', NULL);
INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score) VALUES
  ('s10', 'c1', NULL, DATE '2026-09-30', 5),
  ('s11', 'c5', NULL, DATE '2026-09-14', 5),
  ('s12', 'c7', 'B', DATE '2026-09-09', 5),
  ('s13', 'c4', 'B', DATE '2026-07-10', 5),
  ('s14', 'c9', 'C', DATE '2026-11-19', 5),
  ('s15', 'c2', 'S888', DATE '2026-08-20', 5);
INSERT INTO tickets (ticket_id, customer_id, rep_id, kind, opened_at, resolved_at) VALUES
  ('t1', 'c1', 'A', 'complaint', TIMESTAMP '2026-07-01 09:00', TIMESTAMP '2026-07-08 09:00'),
  ('t2', 'c1', 'A', 'complaint', TIMESTAMP '2026-07-02 09:00', TIMESTAMP '2026-07-09 09:01'),
  ('t3', 'c3', NULL, 'complaint', TIMESTAMP '2026-09-29 10:00', NULL),
  ('t4', 'c4', NULL, 'suggestion', TIMESTAMP '2026-08-01 10:00', NULL),
  ('t5', 'c99', NULL, 'complaint', TIMESTAMP '2026-08-01 10:00', TIMESTAMP '2026-08-02 10:00'),
  ('t6', 'c1', 'A', 'complaint', TIMESTAMP '2026-06-30 23:30', NULL);
INSERT INTO ingest_batches (batch_id, started_at, status) VALUES (1, TIMESTAMP '2026-07-05 10:00', 'committed');
INSERT INTO rejects (batch_id, source, kind, file, line, column_name, value, reason, row_key, row_date) VALUES
  (1, 'crm', 'customers', 'customers.csv', 7, 'created_date', '2026-13-45', 'not a date', 'c77', DATE '2026-08-01'),
  (1, 'crm', 'customers', 'customers.csv', 7, 'company_name', '=HYPERLINK("http://example.com","x")', 'too long', 'c77', DATE '2026-08-01'),
  (1, 'erp', 'sales', 'sales.csv', 3, 'amount', '</script><img src=x onerror=alert(1)>', 'not a money amount', 'd77', NULL),
  (1, 'erp', 'sales', 'sales.csv', 9, 'amount', 'x', 'not a money amount', 'd78', DATE '2026-06-01');

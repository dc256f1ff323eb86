-- Every reason the follow-up and deal checks list a row for, in the
-- quarter it was planned or won and, carried over, in the one its window
-- closes in; audit_texts_test.go reads their texts as of 2026-10-02
-- (defaults: 180 days before signing, 60 for the survey, 3 days' grace).
INSERT INTO reps (rep_id, name, team, manager_id, hire_date) VALUES ('A', 'Ann', 'T1', NULL, DATE '2020-01-01');
INSERT INTO customers (customer_id, company_name, contact_name, phone, industry, region, owner_rep_id) VALUES
  ('c1', 'One', 'x', '1', 'IT', 'East', 'A'), ('c2', 'Two', 'x', '1', 'IT', 'East', 'A'),
  ('c3', 'Three', 'x', '1', 'IT', 'East', 'A'), ('c4', 'Four', 'x', '1', 'IT', 'East', 'A'),
  ('c5', 'Five', 'x', '1', 'IT', 'East', 'A');
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, contract_archived) VALUES
  ('t4a', 'c1', 'A', 'won', 100.00, NULL, DATE '2026-08-01', NULL),   -- A4: archiving not recorded
  ('t4b', 'c1', 'A', 'won', 100.00, NULL, DATE '2026-08-02', false),  -- A4: not archived
  ('t5n', NULL, 'A', 'won', 100.00, NULL, DATE '2026-08-03', true),   -- A5: names no customer
  ('t5f', 'c2', 'A', 'won', 100.00, NULL, DATE '2026-08-05', true),   -- A5: no follow-up; A7 pending to 10-04
  ('t7', 'c1', 'A', 'won', 100.00, NULL, DATE '2026-07-05', true),    -- A7: no survey by 09-03
  ('t7c', 'c3', 'A', 'won', 100.00, NULL, DATE '2026-06-10', true);   -- A7: pending in Q2, failed in Q3 (carried)
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, content, result, next_followup_date) VALUES
  ('f3a', 'c1', 'A', TIMESTAMP '2026-07-10 10:00', '', 'r', NULL),     -- A3: no content
  ('f3b', 'c1', 'A', TIMESTAMP '2026-07-11 10:00', 'x', ' ', NULL),    -- A3: no result
  ('f3c', 'c1', 'A', TIMESTAMP '2026-07-12 10:00', NULL, NULL, NULL),  -- A3: neither
  ('f8p', 'c4', 'A', TIMESTAMP '2026-09-28 10:00', 'x', 'y', DATE '2026-09-29'), -- A8: window open to 10-02
  ('f8k', 'c4', 'A', TIMESTAMP '2026-07-20 10:00', 'x', 'y', DATE '2026-07-25'), -- A8: not kept by 07-28
  ('f8c', 'c5', 'A', TIMESTAMP '2026-06-20 10:00', 'x', 'y', DATE '2026-06-29'), -- A8: pending in Q2, not kept in Q3 (carried)
  ('f3x', 'c3', 'A', TIMESTAMP '2026-05-01 10:00', 'x', 'y', NULL);

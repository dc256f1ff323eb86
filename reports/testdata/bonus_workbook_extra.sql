-- Added to transform/testdata/bonus_case.sql for the workbook tests: a
-- customer whose name is a formula (it must reach the workbook as text),
-- and data-quality rows in, before and without a date.
UPDATE customers SET company_name = '=HYPERLINK("http://example.com","x")' WHERE customer_id = 'c1';
INSERT INTO rejects (batch_id, source, kind, file, line, sheet, column_name, value, reason, row_key, row_date) VALUES
  (1, 'crm', 'deals', 'deals.csv', 7, NULL, 'amount', 'abc', 'not a number', 'd90', DATE '2026-10-14'),
  (1, 'crm', 'deals', 'deals.csv', 9, NULL, 'close_date', '2026-09-31', 'not a date', 'd91', DATE '2026-09-03'),
  (1, 'crm', 'deals', 'deals.csv', 11, NULL, 'close_date', '', 'missing', 'd92', NULL);
INSERT INTO ingest_warnings (batch_id, source, kind, file, line, sheet, code, row_key, message, row_date) VALUES
  (1, 'survey', 'surveys', 'responses.xlsx', 4, 'Sheet1', 'score_scale', 's2', 'score rescaled', DATE '2026-10-07');

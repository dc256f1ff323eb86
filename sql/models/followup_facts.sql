-- reads: followups, reps
-- Follow-ups with their local date and their rep (roster rep or "unknown").
-- A view, not a table: its readers aggregate it and read a few columns
-- each, so copying every follow-up (content included) into a table cost
-- more than reading followups again (transform at M: see
-- docs/performance.md).
CREATE OR REPLACE VIEW followup_facts AS
SELECT f.followup_id, f.customer_id, CASE WHEN r.rep_id IS NULL THEN 'unknown' ELSE f.rep_id END AS rep_id,
       f.rep_id AS source_rep_id, f.followup_at, CAST(f.followup_at AS DATE) AS followup_date,
       f.channel, f.stage, f.content, f.result, f.next_followup_date
FROM followups f LEFT JOIN reps r ON r.rep_id = f.rep_id;

-- reads: customers, reps, surveys
-- Survey responses attributed as metrics.md says: the rep named on the
-- response (unknown when not in the roster), else the customer's owner
-- (unknown when the owner is not in the roster), else "unattributed".
-- satisfied: score >= 4 on the 5-point scale, >= 9 on the 10-point scale.
CREATE OR REPLACE TABLE survey_facts AS
SELECT s.survey_id, s.customer_id, s.survey_date, s.score,
       CASE
           WHEN s.rep_id IS NOT NULL THEN CASE WHEN rr.rep_id IS NULL THEN 'unknown' ELSE s.rep_id END
           WHEN c.owner_rep_id IS NOT NULL THEN CASE WHEN ro.rep_id IS NULL THEN 'unknown' ELSE c.owner_rep_id END
           ELSE 'unattributed'
       END AS rep_id,
       s.score >= CASE WHEN getvariable('survey_scale') = 10 THEN 9 ELSE 4 END AS satisfied,
       getvariable('survey_scale') = 10 AND s.score >= 9 AS promoter,
       getvariable('survey_scale') = 10 AND s.score <= 6 AS detractor,
       s.comment
FROM surveys s
LEFT JOIN reps rr ON rr.rep_id = s.rep_id
LEFT JOIN customers c ON c.customer_id = s.customer_id
LEFT JOIN reps ro ON ro.rep_id = c.owner_rep_id;

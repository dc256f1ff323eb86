-- tests: survey_facts
-- Ingest rejects scores off the scale; one here means the scale changed
-- after loading.
SELECT survey_id, score FROM survey_facts
WHERE score < CASE WHEN getvariable('survey_scale') = 10 THEN 0 ELSE 1 END
   OR score > getvariable('survey_scale')

-- tests: rep_period_metrics
-- One row per (period, rep), no null keys.
SELECT period, rep_id, count(*) AS n FROM rep_period_metrics
GROUP BY period, rep_id HAVING count(*) > 1 OR period IS NULL OR rep_id IS NULL

-- depends: periods, followup_facts, deal_events
-- The sales funnel of metrics.md per period: distinct customers with a
-- follow-up of each stage dated in P (contract also counts customers with a
-- deal won in P), and the conversion from each stage to the next:
-- customers in both ÷ customers in the earlier stage.
CREATE OR REPLACE TABLE funnel_period AS
WITH stages(stage, stage_order) AS (
    VALUES ('development', 1), ('follow_up', 2), ('contract', 3), ('after_sales', 4)
), members AS (
    SELECT DISTINCT p.period, f.stage, f.customer_id
    FROM followup_facts f JOIN periods p ON f.followup_date BETWEEN p.start_date AND p.end_date
    WHERE f.stage IN ('development', 'follow_up', 'contract', 'after_sales')
    UNION
    SELECT p.period, 'contract', e.customer_id
    FROM deal_events e JOIN periods p ON e.event_date BETWEEN p.start_date AND p.end_date
    WHERE e.event = 'won' AND e.customer_id IS NOT NULL
), counts AS (
    SELECT p.period, p.kind, p.start_date, p.end_date, s.stage, s.stage_order,
           count(m.customer_id) AS customers
    FROM periods p CROSS JOIN stages s
    LEFT JOIN members m ON m.period = p.period AND m.stage = s.stage
    GROUP BY ALL
), both_next AS (
    SELECT a.period, a.stage, count(*) AS to_next
    FROM members a JOIN stages sa ON sa.stage = a.stage
    JOIN stages sb ON sb.stage_order = sa.stage_order + 1
    JOIN members b ON b.period = a.period AND b.stage = sb.stage AND b.customer_id = a.customer_id
    GROUP BY ALL
)
SELECT c.*, n.stage AS next_stage, coalesce(b.to_next, 0) AS to_next,
       CASE WHEN c.customers > 0 AND n.stage IS NOT NULL THEN coalesce(b.to_next, 0) / c.customers END AS conversion
FROM counts c
LEFT JOIN stages n ON n.stage_order = c.stage_order + 1
LEFT JOIN both_next b ON b.period = c.period AND b.stage = c.stage;

-- depends: periods, followup_facts, deal_events
-- The sales funnel of metrics.md per period: distinct customers with a
-- follow-up of each stage dated in P (contract also counts customers with a
-- deal won in P), and the conversion from each stage to the next:
-- customers in both ÷ customers in the earlier stage.
CREATE OR REPLACE TABLE funnel_period AS
WITH stages(stage, stage_order) AS (
    VALUES ('development', 1), ('follow_up', 2), ('contract', 3), ('after_sales', 4)
), month_members AS (
    -- Distinct per month first, then per period: every period is whole
    -- months (periods.sql), so a quarter's members are its months'. A range
    -- join of every follow-up with every period made 40 million rows at
    -- 20 million follow-ups, and the DISTINCT over them took most of the
    -- model's time.
    SELECT DISTINCT CAST(date_trunc('month', f.followup_date) AS DATE) AS month, f.stage, f.customer_id
    FROM followup_facts f
    WHERE f.stage IN ('development', 'follow_up', 'contract', 'after_sales')
    UNION
    SELECT CAST(date_trunc('month', e.event_date) AS DATE), 'contract', e.customer_id
    FROM deal_events e
    WHERE e.event = 'won' AND e.customer_id IS NOT NULL
), month_of AS (
    SELECT m.start_date AS month, p.period
    FROM periods m JOIN periods p ON m.start_date BETWEEN p.start_date AND p.end_date
    WHERE m.kind = 'month'
), members AS (
    SELECT DISTINCT o.period, mm.stage, mm.customer_id
    FROM month_members mm JOIN month_of o USING (month)
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

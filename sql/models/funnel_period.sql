-- depends: periods, followup_facts, deal_events
-- The sales funnel of metrics.md per period: distinct customers with a
-- follow-up of each stage dated in P (contract also counts customers with a
-- deal won in P), and the conversion from each stage to the next:
-- customers in both ÷ customers in the earlier stage.
CREATE OR REPLACE TABLE funnel_period AS
WITH stages(stage, stage_order) AS (
    VALUES ('development', 1), ('follow_up', 2), ('contract', 3), ('after_sales', 4)
), month_masks AS (
    -- A customer's stages in a month as one bit mask (bit stage_order − 1),
    -- per month first, then per period: every period is whole months
    -- (periods.sql), so a quarter's members are its months'. A range join
    -- of every follow-up with every period made 40 million rows at 20
    -- million follow-ups; a self-join of the members on customer_id for
    -- "in both stages" cost more than all the rest.
    SELECT month, customer_id, bit_or(bit) AS mask
    FROM (
        SELECT CAST(date_trunc('month', f.followup_date) AS DATE) AS month, f.customer_id,
               CASE f.stage WHEN 'development' THEN 1 WHEN 'follow_up' THEN 2 WHEN 'contract' THEN 4 ELSE 8 END AS bit
        FROM followup_facts f
        WHERE f.stage IN ('development', 'follow_up', 'contract', 'after_sales') AND f.customer_id IS NOT NULL
        UNION ALL
        SELECT CAST(date_trunc('month', e.event_date) AS DATE), e.customer_id, 4
        FROM deal_events e
        WHERE e.event = 'won' AND e.customer_id IS NOT NULL
    )
    GROUP BY ALL
), month_of AS (
    SELECT p.period,
           CAST(unnest(generate_series(CAST(p.start_date AS TIMESTAMP), CAST(p.end_date AS TIMESTAMP), INTERVAL 1 MONTH)) AS DATE) AS month
    FROM periods p
), period_masks AS (
    SELECT o.period, m.customer_id, bit_or(m.mask) AS mask
    FROM month_masks m JOIN month_of o USING (month)
    GROUP BY ALL
), per_stage AS (
    SELECT pm.period, s.stage, count(*) AS customers,
           count(*) FILTER (WHERE pm.mask & (1 << s.stage_order) <> 0) AS to_next
    FROM period_masks pm JOIN stages s ON pm.mask & (1 << (s.stage_order - 1)) <> 0
    GROUP BY ALL
), counts AS (
    SELECT p.period, p.kind, p.start_date, p.end_date, s.stage, s.stage_order,
           coalesce(x.customers, 0) AS customers
    FROM periods p CROSS JOIN stages s
    LEFT JOIN per_stage x ON x.period = p.period AND x.stage = s.stage
)
SELECT c.*, n.stage AS next_stage, coalesce(b.to_next, 0) AS to_next,
       CASE WHEN c.customers > 0 AND n.stage IS NOT NULL THEN coalesce(b.to_next, 0) / c.customers END AS conversion
FROM counts c
LEFT JOIN stages n ON n.stage_order = c.stage_order + 1
LEFT JOIN per_stage b ON b.period = c.period AND b.stage = c.stage;

-- depends: periods
-- reads: deals, followups
-- The sales funnel of metrics.md per period: distinct customers with a
-- follow-up of each stage dated in P (contract also counts customers with a
-- deal won in P), and the conversion from each stage to the next:
-- customers in both ÷ customers in the earlier stage.
-- It reads followups and deals, not the followup_facts and deal_events
-- views: it reads no rep, and their roster look-up is a join over every
-- row (20M follow-ups at L) that DuckDB keeps anyway.
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
        SELECT CAST(date_trunc('month', f.followup_at) AS DATE) AS month, f.customer_id,
               CASE f.stage WHEN 'development' THEN 1 WHEN 'follow_up' THEN 2 WHEN 'contract' THEN 4 ELSE 8 END AS bit
        FROM followups f
        WHERE f.stage IN ('development', 'follow_up', 'contract', 'after_sales') AND f.customer_id IS NOT NULL
        UNION ALL
        -- deal_events' won events: status won, or cancelled with a close_date.
        SELECT CAST(date_trunc('month', d.close_date) AS DATE), d.customer_id, 4
        FROM deals d
        WHERE d.status IN ('won', 'cancelled') AND d.close_date IS NOT NULL AND d.customer_id IS NOT NULL
    )
    GROUP BY ALL
), month_of AS (
    SELECT p.period, p.kind,
           CAST(unnest(generate_series(CAST(p.start_date AS TIMESTAMP), CAST(p.end_date AS TIMESTAMP), INTERVAL 1 MONTH)) AS DATE) AS month
    FROM periods p
), period_masks AS (
    -- A month period's masks are its month's, one row per customer
    -- already: only quarters and ranges are OR-ed again.
    SELECT o.period, m.customer_id, m.mask
    FROM month_masks m JOIN month_of o USING (month)
    WHERE o.kind = 'month'
    UNION ALL
    SELECT o.period, m.customer_id, bit_or(m.mask) AS mask
    FROM month_masks m JOIN month_of o USING (month)
    WHERE o.kind <> 'month'
    GROUP BY ALL
), per_period AS (
    -- Each stage's customers and those also in the next, counted in one
    -- pass: a join of the masks with the stages on a bit test ran as a
    -- nested loop over every (period, customer).
    SELECT period,
           count(*) FILTER (WHERE mask & 1 <> 0) AS c1, count(*) FILTER (WHERE mask & 3 = 3) AS n1,
           count(*) FILTER (WHERE mask & 2 <> 0) AS c2, count(*) FILTER (WHERE mask & 6 = 6) AS n2,
           count(*) FILTER (WHERE mask & 4 <> 0) AS c3, count(*) FILTER (WHERE mask & 12 = 12) AS n3,
           count(*) FILTER (WHERE mask & 8 <> 0) AS c4
    FROM period_masks
    GROUP BY period
), per_stage AS (
    SELECT period, 'development' AS stage, c1 AS customers, n1 AS to_next FROM per_period
    UNION ALL SELECT period, 'follow_up', c2, n2 FROM per_period
    UNION ALL SELECT period, 'contract', c3, n3 FROM per_period
    UNION ALL SELECT period, 'after_sales', c4, 0 FROM per_period
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

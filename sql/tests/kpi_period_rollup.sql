-- tests: kpi_period
-- Roll-ups are sums of the rep rows: the company row sums every rep
-- (unknown and unattributed included), and team and region rows sum their
-- roster members. A ratio of sums follows from these.
WITH reps AS (
    SELECT k.*, r.team, r.region FROM kpi_period k JOIN rep_dim r ON r.rep_id = k.key WHERE k.level = 'rep'
), expect AS (
    SELECT period, 'company' AS level, 'company' AS key, sum(gross_sales) AS g, sum(cancellations) AS c, sum(won_deals) AS w,
           sum(lost_deals) AS l, sum(followups) AS f, sum(leads) AS ld, sum(converted_leads) AS cl, sum(responses) AS r, sum(satisfied) AS s
    FROM reps GROUP BY ALL
    UNION ALL
    SELECT period, 'team', team, sum(gross_sales), sum(cancellations), sum(won_deals), sum(lost_deals), sum(followups),
           sum(leads), sum(converted_leads), sum(responses), sum(satisfied)
    FROM reps WHERE team IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT period, 'region', region, sum(gross_sales), sum(cancellations), sum(won_deals), sum(lost_deals), sum(followups),
           sum(leads), sum(converted_leads), sum(responses), sum(satisfied)
    FROM reps WHERE region IS NOT NULL GROUP BY ALL
)
SELECT e.period, e.level, e.key FROM expect e
LEFT JOIN kpi_period k USING (period, level, key)
WHERE k.key IS NULL OR k.gross_sales <> e.g OR k.cancellations <> e.c OR k.won_deals <> e.w OR k.lost_deals <> e.l
   OR k.followups <> e.f OR k.leads <> e.ld OR k.converted_leads <> e.cl OR k.responses <> e.r OR k.satisfied <> e.s
   OR k.net_sales <> k.gross_sales - k.cancellations

-- depends: kpi_period
-- Efficiency and win-rate lift of every period's row (rep, team, region,
-- company) against the same row of the baseline range, and whether each
-- meets its target. Null when there is no baseline or the baseline figure
-- is null or zero. The lifts are DOUBLE, for charts and queries (reports
-- recompute them exactly from the sums); the met flags are decided in
-- integers, cross-multiplied, so a lift exactly on its target meets it:
--   efficiency: gross_P·followups_B·10⁹ ≥ (10⁹ + target·10⁹)·gross_B·followups_P
--   win rate:   won_P·decided_B·10⁹     ≥ (10⁹ + target·10⁹)·won_B·decided_P
-- (targets are taken to nine decimals).
CREATE OR REPLACE TABLE kpi_lifts AS
WITH t AS (
    SELECT CAST(round(CAST(getvariable('efficiency_target') AS DECIMAL(38,18)) * 1000000000) AS HUGEINT) AS eff_t9,
           CAST(round(CAST(getvariable('win_rate_target') AS DECIMAL(38,18)) * 1000000000) AS HUGEINT) AS win_t9
)
SELECT p.period, p.kind, p.start_date, p.end_date, p.level, p.key,
       b.period AS baseline,
       p.efficiency, b.efficiency AS baseline_efficiency,
       CASE WHEN b.efficiency <> 0 THEN p.efficiency / b.efficiency - 1 END AS efficiency_lift,
       CAST(getvariable('efficiency_target') AS DOUBLE) AS efficiency_target,
       p.win_rate, b.win_rate AS baseline_win_rate,
       CASE WHEN b.win_rate <> 0 THEN p.win_rate / b.win_rate - 1 END AS win_rate_lift,
       CAST(getvariable('win_rate_target') AS DOUBLE) AS win_rate_target,
       CASE WHEN b.efficiency <> 0 AND p.efficiency IS NOT NULL THEN
           CAST(p.gross_sales * 100 AS HUGEINT) * b.followups * 1000000000
             >= (1000000000 + t.eff_t9) * CAST(b.gross_sales * 100 AS HUGEINT) * p.followups
       END AS efficiency_met,
       CASE WHEN b.win_rate <> 0 AND p.win_rate IS NOT NULL THEN
           CAST(p.won_deals AS HUGEINT) * (b.won_deals + b.lost_deals) * 1000000000
             >= (1000000000 + t.win_t9) * b.won_deals * (p.won_deals + p.lost_deals)
       END AS win_rate_met
FROM kpi_period p CROSS JOIN t
LEFT JOIN kpi_period b ON b.kind = 'range' AND b.level = p.level AND b.key = p.key
WHERE p.kind <> 'range';

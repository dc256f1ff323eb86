-- reads: deals, followups, surveys
-- Every month and quarter from the earliest data (or the baseline) to the
-- later of as_of and the latest data (at most a year past as_of, so one
-- mistyped year cannot create a century of periods), plus the baseline
-- range as one period. Every metric table is keyed by these periods.
CREATE OR REPLACE TABLE periods AS
WITH dates AS (
    SELECT coalesce(close_date, created_date, cancel_date) AS d FROM deals
    UNION ALL SELECT CAST(followup_at AS DATE) FROM followups
    UNION ALL SELECT survey_date FROM surveys
    UNION ALL SELECT CAST(getvariable('baseline_start') AS DATE)
    UNION ALL SELECT CAST(getvariable('as_of') AS DATE)
), bounds AS (
    SELECT date_trunc('month', min(d))::DATE AS first_month,
           date_trunc('month', least(max(d), CAST(getvariable('as_of') AS DATE) + INTERVAL 12 MONTH))::DATE AS last_month
    FROM dates WHERE d IS NOT NULL
), months AS (
    SELECT CAST(m AS DATE) AS start_date
    FROM bounds, range(first_month, last_month + INTERVAL 1 MONTH, INTERVAL 1 MONTH) AS t(m)
)
SELECT strftime(start_date, '%Y-%m') AS period, 'month' AS kind, start_date,
       CAST(start_date + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS end_date
FROM months
UNION ALL
SELECT DISTINCT CAST(year(start_date) AS VARCHAR) || '-Q' || CAST(quarter(start_date) AS VARCHAR), 'quarter',
       CAST(date_trunc('quarter', start_date) AS DATE),
       CAST(date_trunc('quarter', start_date) + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)
FROM months
UNION ALL
SELECT strftime(bs, '%Y-%m') || '..' || strftime(be, '%Y-%m'), 'range', bs, CAST(date_trunc('month', be) + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE)
FROM (SELECT CAST(getvariable('baseline_start') AS DATE) AS bs, CAST(getvariable('baseline_end') AS DATE) AS be)
WHERE bs IS NOT NULL;

-- tests: kpi_period
-- Rates lie in their ranges, null exactly when their denominator is 0, and
-- a period is provisional exactly while P.end + W > as_of.
SELECT period, level, key, 'rate out of range or null mismatch' AS problem FROM kpi_period
WHERE NOT coalesce(win_rate BETWEEN 0 AND 1, won_deals + lost_deals = 0)
   OR NOT coalesce(lead_conversion BETWEEN 0 AND 1, leads = 0)
   OR NOT coalesce(csat BETWEEN 0 AND 1, responses = 0)
   OR NOT coalesce(nps BETWEEN -100 AND 100, responses = 0 OR getvariable('survey_scale') <> 10)
   OR (efficiency IS NULL) <> (followups = 0)
   OR (avg_cycle_days IS NULL) <> (cycle_deals = 0)
   OR converted_leads > leads OR satisfied > responses OR new_customers > won_deals
UNION ALL
SELECT period, level, key, 'provisional flag' FROM kpi_period
WHERE conversion_provisional <> (end_date + CAST(getvariable('lead_window_days') AS INTEGER) > CAST(getvariable('as_of') AS DATE))

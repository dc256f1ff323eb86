-- depends: followup_facts, deal_events
-- Lead conversion (metrics.md): a customer's first touch is its earliest
-- follow-up (ties: smallest followup_id, byte order), charged to that
-- follow-up's rep. It is a lead of the first touch's period unless a deal of
-- the customer was won before that date; it converted when a deal was won
-- in [first touch, first touch + W days]. "Won" is the won event of
-- deal_events, so a won-then-cancelled deal still counts as the win it was.
-- touches is how many follow-ups the customer has: the dashboard's cohort
-- funnel reads its first touch, rep and touches here rather than group
-- every follow-up again (3.9 s a query at 20M follow-ups).
CREATE OR REPLACE TABLE lead_facts AS
WITH first_at AS (
    SELECT customer_id, min(followup_at) AS followup_at, count(*) AS touches
    FROM followup_facts WHERE customer_id IS NOT NULL
    GROUP BY customer_id
), first_touch AS (
    -- The earliest follow-up per customer in two aggregates: the earliest
    -- time, then the smallest followup_id among the follow-ups at that
    -- time. One arg_min keyed on a struct of both compared a struct per
    -- follow-up; this one compares a timestamp, then a few ids.
    SELECT customer_id, t.followup_id, t.rep_id, t.followup_date AS first_touch_date, touches
    FROM (
        SELECT f.customer_id,
               arg_min({'followup_id': f.followup_id, 'rep_id': f.rep_id, 'followup_date': f.followup_date}, f.followup_id) AS t,
               any_value(a.touches) AS touches
        FROM followup_facts f JOIN first_at a ON a.customer_id = f.customer_id AND a.followup_at = f.followup_at
        GROUP BY f.customer_id
    )
), wins AS (
    SELECT customer_id, event_date FROM deal_events WHERE event = 'won' AND customer_id IS NOT NULL
), per_customer AS (
    SELECT t.customer_id,
           min(w.event_date) FILTER (WHERE w.event_date < t.first_touch_date) AS won_before,
           min(w.event_date) FILTER (WHERE w.event_date BETWEEN t.first_touch_date
                 AND t.first_touch_date + CAST(getvariable('lead_window_days') AS INTEGER)) AS converted_on
    FROM first_touch t LEFT JOIN wins w USING (customer_id)
    GROUP BY t.customer_id
)
SELECT t.customer_id, t.followup_id, t.rep_id, t.first_touch_date, t.touches,
       c.won_before IS NULL AS is_lead,
       c.converted_on,
       c.won_before IS NULL AND c.converted_on IS NOT NULL AS converted
FROM first_touch t JOIN per_customer c USING (customer_id);

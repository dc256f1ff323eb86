-- reads: deals, reps
-- depends: customer_year_followups
-- threads: 1
-- Lead conversion (metrics.md): a customer's first touch is its earliest
-- follow-up (ties: smallest followup_id, byte order), charged to that
-- follow-up's rep. It is a lead of the first touch's period unless a deal of
-- the customer was won before that date; it converted when a deal was won
-- in [first touch, first touch + W days]. "Won" is the won event of
-- deal_events, so a won-then-cancelled deal still counts as the win it was.
-- touches is how many follow-ups the customer has: the dashboard's cohort
-- funnel reads its first touch, rep and touches here rather than group
-- every follow-up again (3.9 s a query at 20M follow-ups).
-- The follow-ups come summed up by customer and year
-- (customer_year_followups), which a new day's follow-ups are merged
-- into; this model then reads 420,000 rows instead of 20M. It reads
-- deals, not the deal_events view: that view's roster look-up is a join
-- over every event that DuckDB keeps even where no rep is read; here the
-- roster is looked up for the first touches only.
-- One thread: on the incremental day of 30M deals (XL) the transform's
-- transaction already holds some 140 MB of its merges' and refreshes'
-- undo and temporary rows when this model runs, and on two threads the
-- join of 14.6M won deals with 600,000 first touches then failed to pin a
-- block at the default 600MB (the job died of memory in each of four runs); on one it
-- took 7.0 s and the day finished. At 10M deals it costs 0.5 to 0.9 s
-- more (1.0 s → 1.6 to 2.0 s).
CREATE OR REPLACE TABLE lead_facts AS
WITH first_touch AS (
    -- The customer's first follow-up is its earliest year's first: years
    -- share no time, so the earliest first_at names one row.
    SELECT customer_id, arg_min(first_followup_id, first_at) AS followup_id, arg_min(first_rep_id, first_at) AS rep_id,
           CAST(min(first_at) AS DATE) AS first_touch_date, CAST(sum(touches) AS BIGINT) AS touches
    FROM customer_year_followups
    GROUP BY customer_id
), wins AS (
    -- deal_events' won events: status won, or cancelled with a close_date.
    SELECT customer_id, close_date AS event_date FROM deals
    WHERE status IN ('won', 'cancelled') AND close_date IS NOT NULL AND customer_id IS NOT NULL
), per_customer AS (
    SELECT t.customer_id,
           min(w.event_date) FILTER (WHERE w.event_date < t.first_touch_date) AS won_before,
           min(w.event_date) FILTER (WHERE w.event_date BETWEEN t.first_touch_date
                 AND t.first_touch_date + CAST(getvariable('lead_window_days') AS INTEGER)) AS converted_on
    FROM first_touch t LEFT JOIN wins w USING (customer_id)
    GROUP BY t.customer_id
)
-- The roster look-up is a membership test, not a join: a rep_id held twice
-- in reps fails rep_dim's key check, which names it, rather than this
-- model's with customers twice.
SELECT t.customer_id, t.followup_id, CASE WHEN t.rep_id IN (SELECT rep_id FROM reps) THEN t.rep_id ELSE 'unknown' END AS rep_id,
       t.first_touch_date, t.touches,
       c.won_before IS NULL AS is_lead,
       c.converted_on,
       c.won_before IS NULL AND c.converted_on IS NOT NULL AS converted
FROM first_touch t JOIN per_customer c USING (customer_id);

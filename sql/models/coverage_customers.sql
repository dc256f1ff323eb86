-- reads: customers, deals, reps
-- depends: customer_last_followup
-- refresh: customer_id
-- Follow-up coverage on as_of (metrics.md): the active customers (a deal
-- won in [t − active_days, t], or an open deal created on or before t or
-- without a created date), their owner (unknown when not in the roster,
-- unattributed when the customer has no owner or no record), and their
-- latest follow-up on or before t. Covered: a follow-up in
-- [t − coverage_days, t], the same 30-day gap audit A2 uses.
-- It reads deals, not the deal_events view: it needs no rep of it, and
-- the view's roster look-up is a join over every row that DuckDB keeps
-- anyway. The latest follow-up comes from customer_last_followup, which a
-- new day's follow-ups are merged into. A keyed refresh restricts the
-- active customers to those a day touched; the latest follow-up is
-- joined by customer, so the rows stay those customers'.
CREATE OR REPLACE TABLE coverage_customers AS
WITH t AS (SELECT CAST(getvariable('as_of') AS DATE) AS t),
active AS (
    -- deal_events' won events: status won, or cancelled with a close_date.
    SELECT DISTINCT d.customer_id FROM deals d, t
    WHERE d.status IN ('won', 'cancelled') AND d.customer_id IS NOT NULL
      AND d.close_date BETWEEN t.t - CAST(getvariable('active_days') AS INTEGER) AND t.t
    UNION
    SELECT d.customer_id FROM deals d, t
    WHERE d.status = 'open' AND d.customer_id IS NOT NULL AND (d.created_date IS NULL OR d.created_date <= t.t)
), last_fu AS (
    SELECT customer_id, CAST(last_at AS DATE) AS last_followup_date FROM customer_last_followup
)
SELECT a.customer_id, coalesce(c.company_name, a.customer_id) AS company_name,
       CASE WHEN c.owner_rep_id IS NULL THEN 'unattributed' WHEN r.rep_id IS NULL THEN 'unknown' ELSE c.owner_rep_id END AS rep_id,
       l.last_followup_date,
       t.t - l.last_followup_date AS days_since_followup,
       coalesce(l.last_followup_date >= t.t - CAST(getvariable('coverage_days') AS INTEGER), false) AS covered,
       t.t AS as_of
FROM active a CROSS JOIN t
LEFT JOIN customers c ON c.customer_id = a.customer_id
LEFT JOIN reps r ON r.rep_id = c.owner_rep_id
LEFT JOIN last_fu l ON l.customer_id = a.customer_id;

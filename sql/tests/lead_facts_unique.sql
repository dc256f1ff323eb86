-- tests: lead_facts
-- One first touch per customer; a conversion only for a lead, inside the window.
SELECT customer_id, 'duplicate' AS problem FROM lead_facts GROUP BY customer_id HAVING count(*) > 1
UNION ALL
SELECT customer_id, 'conversion outside the window or of a non-lead' FROM lead_facts
WHERE converted AND (NOT is_lead OR converted_on < first_touch_date
      OR converted_on > first_touch_date + CAST(getvariable('lead_window_days') AS INTEGER))

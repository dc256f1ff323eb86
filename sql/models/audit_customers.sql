-- reads: customers, reps
-- The customer database as the audit sees it: which required fields each
-- record lacks (exports.md: text is trimmed, empty means missing) and the
-- rep it is charged to: its owner when in the roster, "unknown" for an owner
-- missing from the roster, "unattributed" when no owner is named.
CREATE OR REPLACE TABLE audit_customers AS
SELECT c.customer_id,
       coalesce(nullif(trim(c.company_name), ''), c.customer_id) AS company_name,
       CASE WHEN nullif(trim(c.owner_rep_id), '') IS NULL THEN 'unattributed'
            WHEN r.rep_id IS NULL THEN 'unknown'
            ELSE c.owner_rep_id END AS owner_rep_id,
       nullif(trim(c.contact_name), '') IS NULL AS no_contact,
       nullif(trim(c.phone), '') IS NULL AND nullif(trim(c.email), '') IS NULL AS no_phone_email,
       nullif(trim(c.industry), '') IS NULL AS no_industry,
       nullif(trim(c.region), '') IS NULL AS no_region
FROM customers c LEFT JOIN reps r ON r.rep_id = c.owner_rep_id;

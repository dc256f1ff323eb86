-- depends: audit_opp_customers, audit_opp_followups, audit_opp_deals, audit_opp_complaints, audit_opp_data
-- Every opportunity of every check in every audited quarter: the thing a
-- check looked at, the rep it is charged to, and whether it failed. A
-- finding is an opportunity that failed, so a rep's rate never exceeds 1.
CREATE OR REPLACE TABLE audit_opportunities AS
SELECT * FROM audit_opp_customers
UNION ALL BY NAME SELECT * FROM audit_opp_followups
UNION ALL BY NAME SELECT * FROM audit_opp_deals
UNION ALL BY NAME SELECT * FROM audit_opp_complaints
UNION ALL BY NAME SELECT * FROM audit_opp_data;

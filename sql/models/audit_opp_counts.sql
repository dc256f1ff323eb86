-- depends: audit_opp_customers, audit_opp_followups, audit_opp_deals, audit_opp_complaints, audit_opp_data, audit_opportunities, rep_dim
-- Per quarter, check and rep with any opportunity: findings, counted
-- opportunities, pending and waived, the figures the rates and scores rest
-- on. Every opportunity is counted (n_opps) in its check's audit_opp_*
-- table, and audit_opportunities lists the failed and pending ones; one it
-- does not list passed, is not pending and has no finding id, so no
-- waiver: it is counted. So the counted ones are all of them less the
-- listed rows not counted, and the passes are counted without being
-- copied anywhere.
CREATE OR REPLACE TABLE audit_opp_counts AS
WITH every AS (
    SELECT period, check_id, rep_id, CAST(sum(n_opps) AS BIGINT) AS n
    FROM (SELECT period, check_id, rep_id, n_opps FROM audit_opp_customers
          UNION ALL SELECT period, check_id, rep_id, n_opps FROM audit_opp_followups
          UNION ALL SELECT period, check_id, rep_id, n_opps FROM audit_opp_deals
          UNION ALL SELECT period, check_id, rep_id, n_opps FROM audit_opp_complaints
          UNION ALL SELECT period, check_id, rep_id, n_opps FROM audit_opp_data)
    GROUP BY ALL
), listed AS (
    SELECT period, check_id, rep_id, count(*) FILTER (WHERE failed AND counted) AS findings,
           count(*) FILTER (WHERE counted IS NOT TRUE) AS not_counted,
           count(*) FILTER (WHERE pending) AS pending, count(*) FILTER (WHERE waived) AS waived
    FROM audit_opportunities GROUP BY ALL
)
SELECT e.period, e.check_id, e.rep_id, coalesce(l.findings, 0) AS findings,
       e.n - coalesce(l.not_counted, 0) AS opportunities,
       coalesce(l.pending, 0) AS pending, coalesce(l.waived, 0) AS waived
FROM every e LEFT JOIN listed l USING (period, check_id, rep_id);

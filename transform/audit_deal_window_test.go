package transform_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// dealWindowsByDefinition is audit.md's A5 and A7 the plain way, for
// windows of presign and survey days (the format's two arguments): each won
// deal of a quarter against every follow-up and survey of its customer, by
// EXISTS over a range.
const dealWindowsByDefinition = `
WITH v AS (
    SELECT %[1]d AS presign, %[2]d AS survey
), won AS (
    SELECT d.deal_id, d.customer_id, d.close_date, d.close_date - v.presign AS pre_from, d.close_date + v.survey AS survey_to
    FROM deals d CROSS JOIN v
    WHERE d.status IN ('won', 'cancelled') AND d.close_date IS NOT NULL
), opps AS (
    SELECT q.period, 'A5' AS check_id, w.deal_id,
           NOT EXISTS (SELECT 1 FROM followups f WHERE f.customer_id = w.customer_id
                       AND CAST(f.followup_at AS DATE) BETWEEN w.pre_from AND w.close_date) AS failed,
           false AS pending
    FROM audit_quarters q JOIN won w ON w.close_date BETWEEN q.start_date AND q.audit_end
    UNION ALL
    SELECT q.period, 'A7', w.deal_id,
           w.survey_to <= q.audit_end AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.customer_id = w.customer_id
                                                      AND s.survey_date BETWEEN w.close_date AND w.survey_to),
           w.survey_to > q.audit_end AND w.close_date >= q.start_date
    FROM audit_quarters q JOIN won w
      ON w.close_date BETWEEN q.start_date AND q.audit_end
      OR (w.survey_to BETWEEN q.start_date AND q.audit_end AND w.close_date < q.start_date)
)`

// TestDealWindowsMatchTheirDefinition: audit_opp_deals answers A5's and
// A7's "is there one in the window" from each customer's first and last
// day per block of the window's length, not by looking at the window. On
// random deals (some without a customer), follow-ups and surveys over
// two years, with windows of 0, 1, a few and the default days, it lists
// the same failed and pending deals as the plain range join and counts
// the same opportunities. Blocks a day too short or too long, or counted
// from a day after the first window's start (negative offsets, which
// DuckDB's // truncates towards zero), fail it.
func TestDealWindowsMatchTheirDefinition(t *testing.T) {
	ctx := context.Background()
	asOf := time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ presign, survey int }{{180, 60}, {0, 0}, {1, 1}, {6, 13}, {45, 2}} {
		t.Run(fmt.Sprintf("presign %d survey %d", tc.presign, tc.survey), func(t *testing.T) {
			w := openTemp(t)
			// Pseudo-random but fixed rows from hashes of the row number:
			// 40 customers, dates from 2025-01 to 2027-04 (past as_of).
			execAll(t, w,
				`INSERT INTO reps (rep_id, name) VALUES ('R1', 'a'), ('R2', 'b')`,
				`INSERT INTO followups (followup_id, customer_id, rep_id, followup_at)
				 SELECT 'F' || i, 'C' || (hash(i, 1) % 40), 'R' || (1 + hash(i, 2) % 2),
				        TIMESTAMP '2025-01-01 23:30:00' + INTERVAL (hash(i, 3) % 850) DAY
				 FROM range(900) r(i)`,
				`INSERT INTO surveys (survey_id, customer_id, survey_date, score)
				 SELECT 'S' || i, 'C' || (hash(i, 4) % 40), DATE '2025-01-01' + CAST(hash(i, 5) % 850 AS INTEGER), 5
				 FROM range(300) r(i)`,
				`INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, close_date)
				 SELECT 'D' || i, CASE WHEN i % 13 = 0 THEN NULL ELSE 'C' || (hash(i, 6) % 40) END, 'R1',
				        ['won', 'cancelled', 'lost', 'won'][1 + CAST(hash(i, 7) % 4 AS BIGINT)], 10,
				        CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '2025-01-01' + CAST(hash(i, 8) % 850 AS INTEGER) END
				 FROM range(500) r(i)`,
			)
			cfg := config.Default()
			cfg.Audit.PresignDays, cfg.Audit.SurveyDays = tc.presign, tc.survey
			buildModels(t, w, cfg, asOf, "audit_opp_deals")
			def := fmt.Sprintf(dealWindowsByDefinition, tc.presign, tc.survey)
			listed := `SELECT period, check_id, deal_id, failed, pending FROM audit_opp_deals
			           WHERE check_id IN ('A5', 'A7') AND opportunity_key IS NOT NULL`
			byDef := def + ` SELECT period, check_id, deal_id, failed, pending FROM opps WHERE failed OR pending`
			sameRows(t, w, "audit_opp_deals", listed, "the definition", byDef)
			var counts, failed, pending, passed, differ int
			q := def + `, got AS (
			    SELECT period, check_id, sum(n_opps) AS n FROM audit_opp_deals WHERE check_id IN ('A5', 'A7') GROUP BY ALL
			), want AS (
			    SELECT period, check_id, count(*) AS n FROM opps GROUP BY ALL
			)
			SELECT (SELECT count(*) FROM want), (SELECT count(*) FILTER (WHERE failed) FROM opps), (SELECT count(*) FILTER (WHERE pending) FROM opps),
			       (SELECT count(*) FILTER (WHERE NOT failed AND NOT pending) FROM opps),
			       (SELECT count(*) FROM want FULL JOIN got USING (period, check_id) WHERE want.n IS DISTINCT FROM got.n)`
			if err := w.DB.QueryRowContext(ctx, q).Scan(&counts, &failed, &pending, &passed, &differ); err != nil {
				t.Fatal(err)
			}
			if differ > 0 {
				t.Errorf("%d (quarter, check) opportunity counts differ from the definition's", differ)
			}
			// The data must exercise both verdicts and more than one quarter.
			if counts < 6 || failed == 0 || passed == 0 || (tc.survey > 0 && pending == 0) {
				t.Fatalf("the fixture is too thin: %d (quarter, check) counts, %d failed, %d passed, %d pending", counts, failed, passed, pending)
			}
		})
	}
}

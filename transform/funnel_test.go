package transform_test

import (
	"context"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// funnelByDefinition is metrics.md's funnel computed the plain way, every
// follow-up and won deal against every period on a range join: the
// reference funnel_period's bit masks per customer and year must agree with.
const funnelByDefinition = `
WITH stages(stage, stage_order) AS (
    VALUES ('development', 1), ('follow_up', 2), ('contract', 3), ('after_sales', 4)
), touched AS (
    SELECT DISTINCT p.period, f.customer_id, s.stage_order
    FROM periods p JOIN followups f ON CAST(f.followup_at AS DATE) BETWEEN p.start_date AND p.end_date
    JOIN stages s ON s.stage = f.stage
    UNION
    SELECT p.period, d.customer_id, 3
    FROM periods p JOIN deals d ON d.close_date BETWEEN p.start_date AND p.end_date
    WHERE d.status IN ('won', 'cancelled') AND d.customer_id IS NOT NULL
)
SELECT p.period, s.stage,
       (SELECT count(*) FROM touched t WHERE t.period = p.period AND t.stage_order = s.stage_order) AS customers,
       (SELECT count(*) FROM touched t JOIN touched n ON n.period = t.period AND n.customer_id = t.customer_id
                AND n.stage_order = t.stage_order + 1
        WHERE t.period = p.period AND t.stage_order = s.stage_order) AS to_next
FROM periods p CROSS JOIN stages s`

// TestFunnelPeriodMatchesItsDefinition: funnel_period reads each customer's
// stages from a 48-bit mask per year, four bits a month, and OR-s only
// ranges across years again. On random follow-ups of every stage (and of
// none), won and cancelled deals, over 28 months and with baselines inside
// one year and across two, it counts what the plain range join counts. A
// shift written without parentheses (DuckDB binds bit operators alike, left
// to right) counted no one in December.
func TestFunnelPeriodMatchesItsDefinition(t *testing.T) {
	ctx := context.Background()
	asOf := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ name, baseline string }{
		{"no baseline", ""},
		{"baseline inside a year", "2025-02..2025-05"},
		{"baseline across years", "2024-06..2026-02"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := openTemp(t)
			// Pseudo-random but fixed rows from hashes of the row number:
			// 60 customers, 3 reps, dates from 2024-01 through 2026-04.
			execAll(t, w,
				`INSERT INTO reps (rep_id, name) VALUES ('R1', 'a'), ('R2', 'b'), ('R3', 'c')`,
				`INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage)
				 SELECT 'F' || i, 'C' || (hash(i, 1) % 60), 'R' || (hash(i, 2) % 4),
				        TIMESTAMP '2024-01-01 08:00:00' + INTERVAL (hash(i, 3) % 850) DAY,
				        ['development', 'follow_up', 'contract', 'after_sales', 'other'][1 + CAST(hash(i, 4) % 5 AS BIGINT)]
				 FROM range(3000) r(i)`,
				`INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, close_date)
				 SELECT 'D' || i, CASE WHEN i % 17 = 0 THEN NULL ELSE 'C' || (hash(i, 5) % 60) END, 'R1',
				        ['won', 'cancelled', 'lost', 'open'][1 + CAST(hash(i, 6) % 4 AS BIGINT)], 10,
				        CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '2024-01-01' + CAST(hash(i, 7) % 850 AS INTEGER) END
				 FROM range(400) r(i)`,
			)
			cfg := config.Default()
			cfg.Targets.Baseline = tc.baseline
			buildModels(t, w, cfg, asOf, "funnel_period")
			var periods, ranges int
			if err := w.DB.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE kind = 'range') FROM periods`).Scan(&periods, &ranges); err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{false: 0, true: 1}[tc.baseline != ""]; ranges != want || periods < 28 {
				t.Fatalf("periods: %d, of them %d ranges; want at least 28 months and %d range", periods, ranges, want)
			}
			sameRows(t, w, "funnel_period", side("funnel_period"), "by definition", side("by definition"))
		})
	}
}

func side(name string) string {
	if name == "funnel_period" {
		return `SELECT period, stage, customers, to_next FROM funnel_period`
	}
	return `SELECT period, stage, customers, to_next FROM (` + funnelByDefinition + `)`
}

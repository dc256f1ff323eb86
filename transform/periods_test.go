package transform_test

import (
	"context"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// periods spans the months from the earliest day of any source (or the
// baseline) to the later of as_of and the latest, capped a year past
// as_of; a follow-up counts by its timestamp's day, so one a second
// before midnight on the last day of a month falls in that month and one
// at midnight in the next.
func TestPeriodsSpanTheData(t *testing.T) {
	asOf := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, baseline string
		rows           []string
		first, last    string
	}{
		{"as_of alone", "", nil, "2026-11", "2026-11"},
		{"a follow-up a second before a month's end", "", []string{
			`INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage) VALUES ('F1', 'C1', 'R1', TIMESTAMP '2025-03-31 23:59:59', 'development')`},
			"2025-03", "2026-11"},
		{"a follow-up at the midnight after as_of's month", "", []string{
			`INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage) VALUES ('F1', 'C1', 'R1', TIMESTAMP '2026-12-01 00:00:00', 'development')`},
			"2026-11", "2026-12"},
		{"a deal dated by its creation, a survey before it", "", []string{
			`INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date) VALUES ('D1', 'C1', 'R1', 'open', 1.00, DATE '2025-06-15')`,
			`INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score) VALUES ('S1', 'C1', 'R1', DATE '2025-05-31', 5)`},
			"2025-05", "2026-11"},
		{"a cancellation mistyped years ahead", "", []string{
			`INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, cancel_date) VALUES ('D1', 'C1', 'R1', 'cancelled', 1.00, DATE '2036-01-10')`},
			"2026-11", "2027-11"},
		{"the baseline before the data", "2024-01..2024-12", []string{
			`INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score) VALUES ('S1', 'C1', 'R1', DATE '2025-05-31', 5)`},
			"2024-01", "2026-11"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := openTemp(t)
			execAll(t, w, tc.rows...)
			cfg := config.Default()
			cfg.Targets.Baseline = tc.baseline
			buildModels(t, w, cfg, asOf, "periods")
			var first, last string
			if err := w.DB.QueryRowContext(context.Background(),
				`SELECT min(period), max(period) FROM periods WHERE kind = 'month'`).Scan(&first, &last); err != nil {
				t.Fatal(err)
			}
			if first != tc.first || last != tc.last {
				t.Errorf("months %s to %s, want %s to %s", first, last, tc.first, tc.last)
			}
		})
	}
}

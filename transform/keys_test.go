package transform_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/transform"
)

// TestANewDayRechecksOnlyTheKeysOfWhatChanged: the keys of deals and
// follow-ups are checked by data tests of the models that read them, so a
// new day of deals re-checks the deals' keys, not the follow-ups', and
// rep_dim stays up to date. When one data test of rep_dim checked every
// table's keys, any new file rebuilt rep_dim and hashed every key of every
// table (seconds at 10M deals and 20M follow-ups). A duplicated key in any
// canonical table still fails the transform, with that key.
func TestANewDayRechecksOnlyTheKeysOfWhatChanged(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	opt := transform.Standard(cfg, asOf, nil, bonusStep(t, cfg))

	t.Run("a new deal", func(t *testing.T) {
		w := transformFixture(t, "audit_case.sql", cfg, asOf)
		if _, err := w.DB.ExecContext(ctx, `INSERT INTO deals (deal_id, rep_id, status) VALUES ('D-NEW', 'R1', 'open')`); err != nil {
			t.Fatal(err)
		}
		res, err := transform.Run(ctx, w, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []string{"rep_dim", "followup_facts", "survey_facts"} {
			if !slices.Contains(res.Fresh, m) {
				t.Errorf("%s was rebuilt after a new deal; neither it nor its data tests read deals (built %v)", m, res.Models)
			}
		}
		if !slices.Contains(res.Models, "deal_events") {
			t.Errorf("deal_events reads deals and was not rebuilt (built %v)", res.Models)
		}
	})

	for _, tc := range []struct{ table, dup string }{
		{"reps", `INSERT INTO reps SELECT * FROM reps LIMIT 1`},
		{"customers", `INSERT INTO customers SELECT * FROM customers LIMIT 1`},
		{"deals", `INSERT INTO deals SELECT * FROM deals LIMIT 1`},
		{"followups", `INSERT INTO followups SELECT * FROM followups LIMIT 1`},
		{"surveys", `INSERT INTO surveys SELECT * FROM surveys LIMIT 1`},
		{"tickets", `INSERT INTO tickets SELECT * FROM tickets LIMIT 1`},
		{"fx_rates", `INSERT INTO fx_rates (currency, month, rate) VALUES ('EUR', '2026-09', 1.1), ('EUR', '2026-09', 1.2)`},
	} {
		t.Run("a duplicated key in "+tc.table, func(t *testing.T) {
			w := transformFixture(t, "audit_case.sql", cfg, asOf)
			if _, err := w.DB.ExecContext(ctx, tc.dup); err != nil {
				t.Fatal(err)
			}
			_, err := transform.Run(ctx, w, opt)
			var dt *transform.DataTestError
			if !errors.As(err, &dt) {
				t.Fatalf("the transform after a duplicated %s key: %v, want a failed data test", tc.table, err)
			}
			if len(dt.Rows) == 0 || dt.Rows[0][0] != tc.table {
				t.Errorf("data test %s failed with rows %v, want the %s key first", dt.Test, dt.Rows, tc.table)
			}
		})
	}
}

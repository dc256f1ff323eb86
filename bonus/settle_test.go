package bonus

import (
	"context"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/money"
)

// An adjustment is paid once: the close of the month that lists it
// records it, that month's files keep listing it, and later months no
// longer list it as due; only what changes after it is due again, and a
// reopen of the paying month makes it due again.
func TestAnAdjustmentIsPaidOnce(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	w, plan := bonusCase(t, cfg)
	store := NewStore(w)
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	closeMonth := func(period string, runID int64) Month {
		t.Helper()
		m, err := Load(ctx, w.DB, period, plan)
		if err != nil {
			t.Fatal(err)
		}
		if m.Adjustments, err = Adjustments(ctx, store, period); err != nil {
			t.Fatal(err)
		}
		closed, err := Close(ctx, store, m, CloseInfo{Version: "test"}, runID, now)
		if err != nil {
			t.Fatal(err)
		}
		return closed
	}
	late := func(cents string) {
		t.Helper()
		if _, err := w.DB.ExecContext(ctx, `UPDATE bonus_allocations SET allocation = allocation + ?::DECIMAL(18,2)
			WHERE period = '2026-10' AND rep_id = 'A'`, cents); err != nil {
			t.Fatal(err)
		}
	}
	due := func(period string) []Adjustment {
		t.Helper()
		adj, err := Adjustments(ctx, store, period)
		if err != nil {
			t.Fatal(err)
		}
		return adj
	}
	closeMonth("2026-10", 1)
	late("1.00")
	nov := closeMonth("2026-11", 2)
	if len(nov.Adjustments) != 1 || nov.Adjustments[0].Difference() != money.MustParse("1.00") {
		t.Fatalf("the close of November paid %+v, want A's 1.00 for October", nov.Adjustments)
	}
	if again, _, err := Frozen(ctx, store, "2026-11"); err != nil || len(again.Adjustments) != 1 {
		t.Errorf("November read back: %+v, %v", again.Adjustments, err)
	}
	if adj := due("2026-12"); len(adj) != 0 {
		t.Errorf("December lists what November paid as due again: %+v", adj)
	}
	late("2.00")
	adj := due("2026-12")
	if len(adj) != 1 || adj[0].Settled != money.MustParse("1.00") || adj[0].Difference() != money.MustParse("2.00") {
		t.Errorf("after more late data, December: %+v, want 2.00 due with 1.00 settled", adj)
	}
	if err := Reopen(ctx, store, "2026-11", "wrong payroll", 3, now); err != nil {
		t.Fatal(err)
	}
	if adj := due("2026-12"); len(adj) != 1 || adj[0].Difference() != money.MustParse("3.00") {
		t.Errorf("after reopening November, December: %+v, want all 3.00 due", adj)
	}
	if _, reason, ok, err := Reopened(ctx, store, "2026-11"); !ok || reason != "wrong payroll" || err != nil {
		t.Errorf("Reopened: %v %q %v", ok, reason, err)
	}
}

package bonus

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/money"
)

// The month's life through the warehouse's Store: close, read back, refuse
// a second close, reopen with a reason, refuse reopening an open month.
func TestCloseReopenThroughTheWarehouse(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	w, plan := bonusCase(t, cfg)
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	store := NewStore(w)
	m, err := Load(ctx, w.DB, "2026-10", plan)
	if err != nil {
		t.Fatal(err)
	}
	closed, err := Close(ctx, store, m, CloseInfo{ClosedBy: "fin", Version: "test"}, 7, now)
	if err != nil {
		t.Fatal(err)
	}
	if !closed.Closed || closed.ClosedAt != "2026-12-03T10:00:00Z" || closed.Close.ClosedBy != "fin" || closed.Pool != money.MustParse("950.00") ||
		len(closed.Rows) != len(m.Rows) || closed.Rows[0].Raw.String() != m.Rows[0].Raw.String() {
		t.Errorf("closed month: %+v", closed)
	}
	if _, err := Close(ctx, store, m, CloseInfo{}, 8, now); faults.ExitCode(err) != faults.ExitClosed {
		t.Errorf("second close: %v", err)
	}
	// Late data moves what October would pay; the closed month does not move.
	if _, err := w.DB.ExecContext(ctx, `UPDATE bonus_allocations SET allocation = allocation + 1 WHERE period = '2026-10' AND rep_id = 'A'`); err != nil {
		t.Fatal(err)
	}
	adj, err := Adjustments(ctx, store, "2026-11")
	if err != nil || len(adj) != 1 || adj[0].RepID != "A" || adj[0].Difference() != money.MustParse("1.00") {
		t.Errorf("adjustments %+v, %v", adj, err)
	}
	if err := Reopen(ctx, store, "2026-10", "late deal", 9, now); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := Frozen(ctx, store, "2026-10"); ok || err != nil {
		t.Errorf("after reopen: frozen %v, %v", ok, err)
	}
	if err := Reopen(ctx, store, "2026-10", "again", 10, now); !errors.Is(err, faults.ErrUsage) {
		t.Errorf("reopening an open month: %v", err)
	}
}

// A month closed by an earlier salesops (the untagged record) still loads
// from the warehouse, and a damaged one is an error, not zeros.
func TestFrozenReadsARecordOfTheOldFormat(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	for period, summary := range map[string]string{"2026-10": string(legacyRecord(t)), "2026-09": `{"Period":"2026-09"}`} {
		if _, err := w.DB.ExecContext(ctx, `INSERT INTO period_closes VALUES (?, TIMESTAMP '2026-11-30 16:45:11', 1, 'fp', '{}', ?)`, period, summary); err != nil {
			t.Fatal(err)
		}
	}
	m, ok, err := Frozen(ctx, NewStore(w), "2026-10")
	if err != nil || !ok || m.Pool != money.MustParse("950.00") || len(m.Rows) != 6 {
		t.Errorf("old record: ok %v, err %v, pool %s", ok, err, m.Pool)
	}
	if _, _, err := Frozen(ctx, NewStore(w), "2026-09"); !errors.Is(err, ErrRecord) {
		t.Errorf("damaged old record: %v", err)
	}
}

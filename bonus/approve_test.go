package bonus

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// The second signature through the warehouse's Store: refused on an open
// month, by the closer, and twice; kept beside the record and shown in the
// month's sign-off; voided by a reopen, so the next close needs its own.
func TestApproveThroughTheWarehouse(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	w, plan := bonusCase(t, cfg)
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	closedAt := time.Date(2026, 12, 3, 10, 0, 0, 0, shanghai)
	approvedAt := closedAt.Add(2 * time.Hour)
	store := NewStore(w)
	m, err := Load(ctx, w.DB, "2026-10", plan)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Approve(ctx, store, "2026-10", "boss", 6, approvedAt); !errors.Is(err, faults.ErrUsage) {
		t.Errorf("approving an open month: %v", err)
	}
	closed, err := Close(ctx, store, m, CloseInfo{ClosedBy: "fin"}, 7, closedAt)
	if err != nil {
		t.Fatal(err)
	}
	if closed.ClosedAt != "2026-12-03T10:00:00+08:00" || closed.Close.ClosedAt != closed.ClosedAt || closed.Close.ApprovedBy != "" {
		t.Errorf("closed: at %s, sign-off %+v", closed.ClosedAt, closed.Close)
	}
	tests := []struct {
		name, by string
		exit     int
	}{
		{"nobody", " ", faults.ExitUsage},
		{"the closer", "Fin", faults.ExitUsage},
		{"a second person", "boss", faults.ExitOK},
		{"twice", "carol", faults.ExitClosed},
	}
	for _, tt := range tests {
		if _, _, err := Approve(ctx, store, "2026-10", tt.by, 8, approvedAt); faults.ExitCode(err) != tt.exit {
			t.Errorf("%s: %v (exit %d), want exit %d", tt.name, err, faults.ExitCode(err), tt.exit)
		}
	}
	frozen, ok, err := Frozen(ctx, store, "2026-10")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if got := frozen.In(shanghai).Close; got.ApprovedBy != "boss" || got.ApprovedAt != "2026-12-03T12:00:00+08:00" || got.ClosedBy != "fin" {
		t.Errorf("sign-off after the approval: %+v", got)
	}
	if err := Reopen(ctx, store, "2026-10", "late deal", 9, approvedAt); err != nil {
		t.Fatal(err)
	}
	if _, err := Close(ctx, store, m, CloseInfo{ClosedBy: "fin"}, 10, approvedAt); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := store.Approval(ctx, "2026-10"); ok || err != nil {
		t.Errorf("the approval of the first close survived the reopen: %v %v", ok, err)
	}
}

package transform

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	models "github.com/salesops/salesops/sql"
)

// The quarterly audit names its quarter (audit_period) and is computed for
// the quarters its reports read: that one and the one before (the year-ago
// score is what that quarter's own audit reported). A bare transform names
// none and audits every quarter.
func TestAuditQuartersFollowTheAuditedQuarter(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	// Deals from October 2024 to September 2026: eight quarters.
	if _, err := w.DB.ExecContext(ctx, `INSERT INTO deals (deal_id, rep_id, status, created_date)
		SELECT 'D' || i, 'R1', 'open', DATE '2024-10-15' + INTERVAL (i) MONTH FROM range(24) t(i)`); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, m := range []string{"periods", "audit_quarters"} {
		b, err := fs.ReadFile(models.FS(), "models/"+m+".sql")
		if err != nil {
			t.Fatal(err)
		}
		fsys["models/"+m+".sql"] = &fstest.MapFile{Data: b}
	}
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		audited any
		want    string
	}{
		{"2026-Q3", "2026-Q2 2026-Q3"},
		{"2025-Q1", "2024-Q4 2025-Q1"},
		{"2024-Q4", "2024-Q4"},
		{nil, "2024-Q4 2025-Q1 2025-Q2 2025-Q3 2025-Q4 2026-Q1 2026-Q2 2026-Q3"},
	} {
		opt := Options{FS: fsys, Vars: map[string]any{"as_of": asOf, "audit_period": tt.audited}}
		if _, err := Run(ctx, w, opt); err != nil {
			t.Fatalf("audit_period %v: %v", tt.audited, err)
		}
		var got string
		if err := w.DB.QueryRowContext(ctx, `SELECT coalesce(string_agg(period, ' ' ORDER BY period), '') FROM audit_quarters`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		// 2024-Q4 is the first quarter of the data: none before it.
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("audit_period %v: audited quarters (-want +got):\n%s", tt.audited, diff)
		}
	}
}

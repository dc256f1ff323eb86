package reports

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/money"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, diff)
	}
}

// TestBonusFilesGolden pins the machine-readable bonus files byte for byte
// on the hand-computed month of transform/testdata/bonus_case.sql.
func TestBonusFilesGolden(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct{ name, maxShare, period string }{
		{"cap", "0.3", "2026-10"},
		{"nocap", "", "2026-10"},
		{"cap", "0.3", "2026-11"}, // negative net sales: pool 0
	} {
		db, plan := workbookFixture(t, tt.maxShare)
		b, err := bonus.Load(ctx, db, tt.period, plan)
		if err != nil {
			t.Fatal(err)
		}
		b.Adjustments = []bonus.Adjustment{{ClosedPeriod: "2026-09", RepID: "A", Frozen: money.MustParse("60.00"), Current: money.MustParse("45.10")}}
		dir := t.TempDir()
		base := filepath.Join(dir, "bonus")
		for _, w := range []struct {
			ext   string
			write func() error
		}{
			{".csv", func() error { return WriteBonusCSV(ctx, base+".csv", b) }},
			{".json", func() error { return WriteBonusJSON(ctx, base+".json", b, testBuild) }},
			{"-adjustments.csv", func() error { return WriteAdjustmentsCSV(ctx, base+"-adjustments.csv", b.Adjustments) }},
		} {
			if err := w.write(); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(base + w.ext)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "bonus-"+tt.period+"-"+tt.name+w.ext, got)
		}
	}
}

package jobs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/salesops/salesops/faults"
)

// TestStatements: the monthly job writes the statements only when
// bonus.statements is on; salesops statements writes them from the month
// the last run computed, and refuses a month nobody computed.
func TestStatements(t *testing.T) {
	ctx := context.Background()
	r, _, out := testRunner(t)
	dir := filepath.Join(out, "2026-10", "statements")
	if _, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("statements written with bonus.statements off: %v", err)
	}
	var want []string
	for _, id := range []string{"A", "B", "C", "D", "E"} { // not "unknown"
		want = append(want, filepath.Join(dir, "statement-2026-10-"+id+".html"), filepath.Join(dir, "statement-2026-10-"+id+".xlsx"))
	}
	r.Config.Bonus.Statements = true
	o, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range want {
		if !slices.Contains(o.Outputs, p) {
			t.Errorf("the monthly job did not write %s: %q", p, o.Outputs)
		}
	}
	r.Config.Bonus.Statements = false
	o, err = r.Statements(ctx, "2026-10", false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(o.Outputs, want) || o.Job != "statements" {
		t.Errorf("statements wrote %q, want %q", o.Outputs, want)
	}
	_, err = r.Statements(ctx, "2026-08", false)
	if faults.ExitCode(err) != faults.ExitUsage {
		t.Errorf("statements of a month never computed: %v (exit %d), want exit 2", err, faults.ExitCode(err))
	}
}

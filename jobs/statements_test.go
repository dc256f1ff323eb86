package jobs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// TestStatementsWaitForApproval: under bonus.require_approval a rep's
// statement, like the payroll files, exists only once the month is closed
// and approved; the approval writes them.
func TestStatementsWaitForApproval(t *testing.T) {
	ctx := context.Background()
	r, _, out := testRunner(t)
	r.Config.Bonus.RequireApproval, r.Config.Bonus.Statements = true, true
	html := filepath.Join(out, "2026-10", "statements", "statement-2026-10-A.html")
	o, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(html); !errors.Is(err, os.ErrNotExist) || !slices.ContainsFunc(o.Notes, func(n string) bool { return strings.Contains(n, "no statements") }) {
		t.Fatalf("an open month's statements under require_approval: %v, notes %q", err, o.Notes)
	}
	if _, err := r.Statements(ctx, "2026-10", false); faults.ExitCode(err) != faults.ExitUsage {
		t.Fatalf("statements of an open month under require_approval: %v", err)
	}
	if _, err := r.Close(ctx, "2026-10", SignOff{By: "fin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Statements(ctx, "2026-10", false); faults.ExitCode(err) != faults.ExitUsage {
		t.Fatalf("statements of an unapproved month: %v", err)
	}
	if _, err := os.Stat(html); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the close wrote statements before the approval: %v", err)
	}
	if _, err := r.Approve(ctx, "2026-10", SignOff{By: "boss"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(html); err != nil {
		t.Fatalf("the approval did not write the statements: %v", err)
	}
	if _, err := r.Statements(ctx, "2026-10", false); err != nil {
		t.Fatal(err)
	}
}

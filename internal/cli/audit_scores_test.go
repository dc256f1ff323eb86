package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/warehouse"
)

// The month's dashboard shows the audit score of the last quarter as that
// quarter's audit reported it, and of the same quarter a year earlier as
// its own audit did: the audit records its figures (audit_scores), and no
// audit computes the year-ago quarter again. Each won deal with its
// contract not archived is an A4 finding.
func TestDashboardAuditCardFromTheAudits(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	cfg := filepath.Join(dir, "salesops.yaml")
	for path, text := range map[string]string{
		"drop/reps/reps.csv": "rep_id,name\nS1,Ann\n",
		"drop/sales/sales.csv": "deal_id,customer_id,rep_id,status,amount,close_date,contract_archived\n" +
			"D1,C1,S1,won,100.00,2025-08-03,false\nD2,C1,S1,won,100.00,2025-08-04,true\n" +
			"D3,C1,S1,won,100.00,2026-08-03,false\nD4,C1,S1,won,100.00,2026-10-05,true\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, path), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	must := func(args ...string) {
		t.Helper()
		if code, _, stderr := run(t, append([]string{"--config", cfg}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	// The card's text, tags and runs of space folded.
	card := func() string {
		t.Helper()
		must("run", "monthly-bonus", "--period", "2026-10")
		b, err := os.ReadFile(filepath.Join(dir, "reports", "2026-10", "dashboard-2026-10.html"))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?s)data-kpi="audit_score".*?</div>\n</div>`).Find(b)
		if m == nil {
			t.Fatal("the dashboard has no audit card")
		}
		return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(m), " ")), " ")
	}
	scores := func() string {
		t.Helper()
		w, err := warehouse.Open(context.Background(), filepath.Join(dir, "salesops.duckdb"), warehouse.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		var s string
		if err := w.DB.QueryRow(`SELECT coalesce(string_agg(audit_period || ' ' || period || ' ' || findings || '/' || opportunities, ', '
			ORDER BY audit_period, period), '') FROM audit_scores WHERE check_id = 'A4'`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}

	if got := card(); !regexp.MustCompile(`Audit score — No audit computed`).MatchString(got) {
		t.Errorf("before any audit, the dashboard's audit card says: %s", got)
	}
	must("run", "quarterly-audit", "--period", "2026-Q3")
	if diff := cmp.Diff("2026-Q3 2026-Q2 0/0, 2026-Q3 2026-Q3 1/1", scores()); diff != "" {
		t.Errorf("after the audit of 2026-Q3, A4's recorded figures (-want +got):\n%s", diff)
	}
	noYear := card()
	must("run", "quarterly-audit", "--period", "2025-Q3")
	// The data begin in 2025-Q3: its audit has no quarter before.
	if diff := cmp.Diff("2025-Q3 2025-Q3 1/2, 2026-Q3 2026-Q2 0/0, 2026-Q3 2026-Q3 1/1", scores()); diff != "" {
		t.Errorf("after the audit of 2025-Q3, A4's recorded figures (-want +got):\n%s", diff)
	}
	withYear := card()
	lastYear := regexp.MustCompile(`Same quarter last year: (\S+)`)
	if m := lastYear.FindStringSubmatch(noYear); m == nil || m[1] != "—" {
		t.Errorf("before the audit of 2025-Q3, the card has a year-ago figure: %s", noYear)
	}
	if m := lastYear.FindStringSubmatch(withYear); m == nil || m[1] == "—" {
		t.Errorf("the audit of 2025-Q3 did not reach the card's year-ago figure: %s", withYear)
	}
}

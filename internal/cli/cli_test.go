package cli

import (
	"bytes"
	"context"
	"github.com/salesops/salesops/jobs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run calls the command line as main does and returns the exit code and
// what was printed.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestExitCodesForBadUsage(t *testing.T) {
	dir := t.TempDir()
	badKey := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badKey, []byte("version: 1\nbonus:\n  pool_rat: 0.05\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown flag", []string{"--nope"}, 2, "unknown flag"},
		{"unknown job", []string{"run", "weekly"}, 2, `unknown job "weekly"`},
		{"no job", []string{"run"}, 2, "run takes one job: refresh, monthly-bonus, quarterly-audit (got 0 arguments)"},
		{"missing config", []string{"--config", filepath.Join(dir, "none.yaml"), "runs"}, 2, "salesops init"},
		{"unknown config key names its line", []string{"--config", badKey, "runs"}, 2, `[3:3] unknown field "pool_rat"`},
		{"quiet and verbose", []string{"--quiet", "--verbose", "runs"}, 2, "contradict"},
		{"bad log format", []string{"--log-format", "xml", "runs"}, 2, "--log-format"},
		{"validate kind", []string{"validate", "x.csv", "--kind", "deals"}, 2, `--kind "deals"`},
		{"reopen needs a reason", []string{"reopen", "--period", "2026-10", "--reason", " "}, 2, "--reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

func TestInitWritesALoadableStarterOnce(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := run(t, "init", dir); code != 0 || !strings.Contains(out, "salesops.yaml") {
		t.Fatalf("init: exit %d %s %s", code, out, stderr)
	}
	if code, _, _ := run(t, "init", dir); code != 2 {
		t.Fatalf("second init exited %d, want 2", code)
	}
	// The starter's drop folders are empty: a run says where the exports
	// go, rather than paying a bonus of nothing.
	code, _, stderr := run(t, "--config", filepath.Join(dir, "salesops.yaml"), "run", "monthly-bonus", "--period", "2026-10")
	if code != 3 || !strings.Contains(stderr, "no exports found in") {
		t.Fatalf("run on empty drop folders: exit %d, %s", code, stderr)
	}
}

// TestDemoEndToEnd runs the main job as a user does and then the commands
// finance uses after it.
func TestDemoEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo")
	}
	out := t.TempDir()
	code, stdout, stderr := run(t, "--quiet", "demo", "--out", out, "--as-of", "2026-11-28")
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, f := range []string{"reports/index.html", "reports/2026-10/bonus-2026-10.xlsx", "reports/2026-10/bonus-2026-10.csv",
		"reports/2026-10/bonus-2026-10.json", "reports/2026-10/adjustments-2026-10.csv", "reports/2026-10/dashboard-2026-10.html",
		"reports/2026-10/scorecards-2026-10.xlsx", "reports/2026-10/kpis-2026-10.csv", "reports/2026-Q3/audit-2026-Q3.html",
		"reports/2026-Q3/audit-2026-Q3.xlsx", "reports/2026-Q3/audit-2026-Q3.csv", "reports/2026-Q3/kpis-2026-Q3.csv"} {
		st, err := os.Stat(filepath.Join(out, f))
		if err != nil || st.Size() == 0 || st.Mode().Perm() != 0o640 {
			t.Errorf("%s: %v (mode %v)", f, err, st)
		}
	}
	cfg := filepath.Join(out, "salesops.yaml")
	bonusCSV := filepath.Join(out, "reports/2026-10/bonus-2026-10.csv")
	before, _ := os.ReadFile(bonusCSV)

	// The demo's bad rows are rejected with file, line, column and reason.
	code, stdout, _ = run(t, "--config", cfg, "query", "--format", "csv", "SELECT count(*) AS n FROM rejects")
	if code != 0 || stdout != "n\n5\n" { // LF on standard output, as psql --csv and sqlite3 -csv
		t.Errorf("rejects: exit %d %q", code, stdout)
	}
	code, stdout, _ = run(t, "--config", cfg, "validate", filepath.Join(out, "exports/erp/contracts-2025.csv"), "--kind", "sales")
	if !strings.Contains(stdout, "12.345") || !strings.Contains(stdout, "待定") {
		t.Errorf("validate (exit %d) did not list the bad rows:\n%s", code, stdout)
	}
	// It converts USD and EUR deals with the warehouse's rates, as the
	// ingest does, rather than rejecting them for a missing rate.
	if code != 0 || strings.Contains(stdout, "no fx rate") {
		t.Errorf("validate rejected deals the ingest loads (exit %d):\n%s", code, stdout)
	}

	// Close October; closing again is refused with exit 5; a rerun says the
	// month is closed and reproduces its files.
	if code, stdout, stderr = run(t, "--config", cfg, "--quiet", "close", "--period", "2026-10"); code != 0 {
		t.Fatalf("close: exit %d %s %s", code, stdout, stderr)
	}
	if code, _, stderr = run(t, "--config", cfg, "--quiet", "close", "--period", "2026-10"); code != 5 || !strings.Contains(stderr, "reopen") {
		t.Fatalf("second close: exit %d %s", code, stderr)
	}
	checkDemoStatements(t, cfg, out)
	code, stdout, _ = run(t, "--config", cfg, "--quiet", "run", "monthly-bonus", "--period", "2026-10")
	after, _ := os.ReadFile(bonusCSV)
	if code != 0 || !strings.Contains(stdout, "is closed") || !bytes.Equal(before, after) {
		t.Fatalf("closed rerun: exit %d, files equal %v\n%s", code, bytes.Equal(before, after), stdout)
	}
	// The morning refresh: the month's KPIs, dashboard and scorecards.
	code, stdout, stderr = run(t, "--config", cfg, "--quiet", "run", "refresh", "--period", "2026-11")
	if code != 0 || !strings.Contains(stdout, "dashboard-2026-11.html") || !strings.Contains(stdout, "kpis-2026-11.csv") {
		t.Errorf("refresh: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// The demo runs the quarterly audit first (it loads the exports), then
	// the monthly bonus.
	code, stdout, _ = run(t, "--config", cfg, "runs", "--show", "1")
	if code != 0 || !strings.Contains(stdout, "Ingest batch") || !strings.Contains(stdout, "contracts-2025.csv") || !strings.Contains(stdout, "audit-2026-Q3.html") {
		t.Errorf("runs --show 1 (exit %d) lacks the ingest report or the outputs:\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "--config", cfg, "runs", "--show", "2")
	if code != 0 || !strings.Contains(stdout, "monthly-bonus") || !strings.Contains(stdout, "bonus-2026-10.xlsx") {
		t.Errorf("runs --show 2 (exit %d) lacks the monthly bonus's outputs:\n%s", code, stdout)
	}
	// The month's dashboard shows the audit score of the quarter audited
	// just before it.
	if dash, err := os.ReadFile(filepath.Join(out, "reports/2026-10/dashboard-2026-10.html")); err != nil || strings.Contains(string(dash), "No audit computed") {
		t.Errorf("the demo's October dashboard has no audit score (%v)", err)
	}
	code, stdout, _ = run(t, "--config", cfg, "runs", "--limit", "0")
	if code != 0 || strings.Count(stdout, " ok ") < 4 || !strings.Contains(stdout, "failed") {
		t.Errorf("run history (exit %d):\n%s", code, stdout)
	}
}

func TestScheduleDryRunListsJobsInOrder(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "salesops.yaml")
	if err := os.WriteFile(cfg, []byte("version: 1\nschedule:\n  jobs: {refresh: off}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "--config", cfg, "schedule", "--dry-run")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) != 6 || !strings.HasPrefix(lines[0], "monthly-bonus\t0 6 1 * *\t") || !strings.HasPrefix(lines[5], "quarterly-audit\t") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// `salesops ingest` takes the warehouse lock like any job: a held lock
// gives exit 4 naming the holder, not DuckDB's own lock error.
func TestIngestRespectsTheLock(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	cfg := filepath.Join(dir, "salesops.yaml")
	if err := os.WriteFile(filepath.Join(dir, "drop", "reps", "reps.csv"), []byte("rep_id,name\nS1,Ann\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	lock, err := jobs.AcquireLock(context.Background(), filepath.Join(dir, "salesops.duckdb"), jobs.Holder{Job: "monthly-bonus", Period: "2026-10"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "--config", cfg, "ingest")
	lock.Release()
	if code != 4 || !strings.Contains(stderr, "monthly-bonus 2026-10") {
		t.Fatalf("ingest under a held lock: exit %d, %s", code, stderr)
	}
	// Run 1 is the refused attempt, copied from the journal into the history.
	code, stdout, stderr := run(t, "--config", cfg, "ingest")
	if code != 0 || !strings.Contains(stdout, "reps.csv") || !strings.Contains(stdout, "ingest: run 2 ok") {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

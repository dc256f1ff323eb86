package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const (
	repsCSV  = "rep_id,name\nS1,Ann\n"
	salesCSV = "deal_id,customer_id,rep_id,status,amount,close_date\nD1,C1,S1,won,100.00,2026-10-05\n"
)

// starter writes `salesops init`'s folder with files (relative path →
// content) in its drop folders and returns the configuration's path.
func starter(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "salesops.yaml")
}

// A job on empty drop folders stops at its ingest, before the transform,
// naming the folders to fill; `salesops ingest` loads what there is and
// says what is still missing; a missing optional kind is only a note.
func TestEmptyDropFolders(t *testing.T) {
	bonus := []string{"run", "monthly-bonus", "--period", "2026-10"}
	tests := []struct {
		name     string
		args     []string
		files    map[string]string
		code     int
		want     []string // in stdout + stderr
		dontWant []string
	}{
		{"job, all empty", bonus, nil, 3,
			[]string{"no exports found in", "drop/reps/*.csv (roster: reps)", "drop/sales/*.csv (sales)", "drop/surveys/*.csv (surveys)", "adjust sources in salesops.yaml"},
			[]string{"every file was loaded", "data test", "kpi_period"}},
		{"job, sales missing", bonus, map[string]string{"drop/reps/reps.csv": repsCSV}, 3,
			[]string{"no exports found in", "drop/sales/*.csv (sales)", "no sales yet"},
			[]string{"drop/reps/*.csv", "data test"}},
		{"ingest, all empty", []string{"ingest"}, nil, 0,
			[]string{"No files in", "drop/sales/*.csv (source sales)", "holds no reps or sales yet: jobs refuse to run"},
			nil},
		{"ingest, optional kinds missing", []string{"ingest"}, map[string]string{"drop/reps/reps.csv": repsCSV, "drop/sales/deals.csv": salesCSV}, 0,
			[]string{"No files in", "drop/followups/*.csv (source followups): nothing new of kind followups", "drop/surveys/*.csv"},
			[]string{"no exports found", "drop/sales/*.csv", "holds no"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := starter(t, tt.files)
			code, stdout, stderr := run(t, append([]string{"--config", cfg}, tt.args...)...)
			out := stdout + stderr
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, filepath.FromSlash(w)) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(out, filepath.FromSlash(w)) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
}

// Exports moved away after they were loaded are no error: the warehouse
// holds them, and the job uses what it holds.
func TestEmptyDropFoldersAfterALoad(t *testing.T) {
	cfg := starter(t, map[string]string{"drop/reps/reps.csv": repsCSV, "drop/sales/deals.csv": salesCSV})
	if code, stdout, stderr := run(t, "--config", cfg, "ingest"); code != 0 {
		t.Fatalf("first ingest: exit %d\n%s%s", code, stdout, stderr)
	}
	dir := filepath.Dir(cfg)
	for _, f := range []string{"drop/reps/reps.csv", "drop/sales/deals.csv"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := run(t, "--config", cfg, "run", "monthly-bonus", "--period", "2026-10")
	if code != 0 || strings.Contains(stdout+stderr, "no exports found") || strings.Contains(stderr, "every file was loaded before") {
		t.Fatalf("a job after the exports were moved: exit %d\n%s%s", code, stdout, stderr)
	}
}

// A batch that fails at its third file of five lists all five, says none
// was loaded, and gives the failure's reasons once.
func TestFailedBatchReportsEveryFileAndNothingLoaded(t *testing.T) {
	bad := "deal_id,customer_id,rep_id,status,amount,close_date\nD9,C1,S1,won,12.345,2026-10-05\n"
	cfg := starter(t, map[string]string{
		"drop/reps/reps.csv":   repsCSV,
		"drop/sales/a.csv":     salesCSV,
		"drop/sales/b.csv":     bad,
		"drop/sales/c.csv":     strings.ReplaceAll(salesCSV, "D1", "D3"),
		"drop/followups/d.csv": "followup_id,rep_id,customer_id,followup_at\nF1,S1,C1,2026-10-05\n",
	})
	code, stdout, stderr := run(t, "--config", cfg, "ingest")
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s%s", code, stdout, stderr)
	}
	row := func(file string) string {
		m := regexp.MustCompile(`(?m)^.*` + regexp.QuoteMeta(file) + `.*$`).FindString(stdout)
		return strings.Join(strings.Fields(m), " ")
	}
	for _, tt := range []struct{ file, want string }{
		{"reps.csv", "reps rolled back 1 1 0 0 0"},
		{"a.csv", "sales rolled back 1 1 0 0 0"},
		{"b.csv", "sales failed 1 0 0 0 1"},
		{"c.csv", "sales not read 0 0 0 0 0"},
		{"d.csv", "followups not read 0 0 0 0 0"},
	} {
		if got := row(tt.file); !strings.HasSuffix(got, tt.want) {
			t.Errorf("row of %s: %q, want it to end %q", tt.file, got, tt.want)
		}
	}
	if total := row("total"); total != "total 0 loaded 3 2 0 0 1" {
		t.Errorf("total row %q, want %q", total, "total 0 loaded 3 2 0 0 1")
	}
	if !strings.Contains(stdout, "WOULD LOAD") || !strings.Contains(stdout, "rolled back because") {
		t.Errorf("the table does not say what would have been loaded:\n%s", stdout)
	}
	if n := strings.Count(stdout+stderr, `value "12.345"`); n != 1 {
		t.Errorf("the reject is printed %d times, want once:\n%s%s", n, stdout, stderr)
	}
}

package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesops/salesops/warehouse"
)

// The check of what a reader sees after a kill catches what it must.
func TestCrashStateTorn(t *testing.T) {
	before := crashState{tables: map[string]string{"deals": "0 rows, hash 0", "kpi_period": "1 rows, hash 1"},
		outputs: map[string][]byte{"index.html": []byte("old")}}
	after := crashState{tables: map[string]string{"deals": "2 rows, hash 7", "deals_history": "1 rows, hash 3", "kpi_period": "2 rows, hash 9", "audit_scores": "9 rows, hash 4"},
		outputs: map[string][]byte{"index.html": []byte("new"), "2026-10/b.csv": []byte("b")}}
	tests := []struct {
		name string
		got  crashState
		want string // "" or a part of the message
	}{
		{"as before", before, ""},
		{"as after", after, ""},
		{"ingest done, transform not", crashState{tables: map[string]string{"deals": "2 rows, hash 7", "deals_history": "1 rows, hash 3", "kpi_period": "1 rows, hash 1"}}, ""},
		{"transform done, record not", crashState{tables: map[string]string{"deals": "2 rows, hash 7", "deals_history": "1 rows, hash 3", "kpi_period": "2 rows, hash 9", "audit_scores": "0 rows, hash 0"}}, ""},
		{"half an ingest", crashState{tables: map[string]string{"deals": "2 rows, hash 7", "kpi_period": "1 rows, hash 1"}}, "the ingest is half applied"},
		{"a table in between", crashState{tables: map[string]string{"deals": "1 rows, hash 5", "kpi_period": "1 rows, hash 1"}}, "table deals holds 1 rows"},
		{"a torn file", crashState{tables: before.tables, outputs: map[string][]byte{"2026-10/b.csv": []byte("")}}, "file 2026-10/b.csv (0 bytes)"},
		{"a killed write's temporary", crashState{tables: before.tables, outputs: map[string][]byte{"2026-10/.b.csv.tmp-1": []byte("")}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.got.torn(before, after)
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("torn = %q, want %q", got, tt.want)
			}
		})
	}
}

// A batch number skipped by a killed batch (the sequence is not rolled
// back) is not a difference: two runs over the same exports, one with the
// batch sequence moved on first, compare equal, history rows included.
func TestCrashStateIgnoresBatchNumberGaps(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the monthly job twice")
	}
	co := newCrashCompany(t)
	runJob := func() crashState {
		t.Helper()
		if code, _, stderr := run(t, "--config", co.cfg, "--quiet", "run", crashJobs[0].job, "--period", crashJobs[0].period); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		return co.state(t)
	}
	co.clear(t)
	ref := runJob()
	if strings.HasPrefix(ref.tables["deals_history"], "0 rows") {
		t.Fatalf("the demo supersedes no deal (deals_history %s): the test would not see _superseded_by", ref.tables["deals_history"])
	}
	co.clear(t)
	ctx := context.Background()
	w, err := warehouse.Open(ctx, filepath.Join(co.dir, "salesops.duckdb"), warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB.ExecContext(ctx, `SELECT nextval('batch_seq'), nextval('batch_seq')`); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if diff := ref.diff(runJob()); diff != "" {
		t.Errorf("the same job after two skipped batch numbers differs:\n%s", diff)
	}
}

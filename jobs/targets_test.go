package jobs

import (
	"bytes"
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/transform"
	"github.com/salesops/salesops/warehouse"
)

// TestJobReportsReadOnlyWhatTheJobBuilds runs each job twice on the same
// data: on a fresh warehouse, where the models its transform prunes never
// exist (a report reading one fails), and on one where a full transform
// built every model first (what a report would silently read stale). The
// pruned run must leave no other model and write the same files.
func TestJobReportsReadOnlyWhatTheJobBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs each job twice")
	}
	ctx := context.Background()
	for _, tc := range []struct{ job, period string }{
		{JobMonthlyBonus, "2026-10"}, {JobRefresh, "2026-10"}, {JobQuarterlyAudit, "2026-Q3"},
	} {
		t.Run(tc.job, func(t *testing.T) {
			pruned, _, outPruned := testRunner(t)
			if _, err := pruned.Run(ctx, Request{Job: tc.job, Period: tc.period}); err != nil {
				t.Fatalf("%s on a warehouse holding only its models: %v", tc.job, err)
			}
			opt, err := bonus.Transform(pruned.Config, mustAsOf(t, pruned, tc.job, tc.period), nil)
			if err != nil {
				t.Fatal(err)
			}
			opt.Targets = Targets(tc.job)
			built, err := transform.Plan(opt)
			if err != nil {
				t.Fatal(err)
			}
			allowed := append(warehouse.SchemaTables(), built...)
			allowed = append(allowed, "bonus_pools") // written by the bonus_allocations step
			for _, tbl := range tableNames(t, pruned) {
				if !slices.Contains(allowed, tbl) {
					t.Errorf("%s built %s, which none of its reports reads", tc.job, tbl)
				}
			}
			if tc.job == JobMonthlyBonus && slices.ContainsFunc(built, func(m string) bool { return strings.HasPrefix(m, "audit_") }) {
				t.Errorf("the monthly bonus builds audit models: %v", built)
			}

			full, ing, outFull := testRunner(t)
			fullTransform(t, full, ing, tc.job, tc.period)
			if _, err := full.Run(ctx, Request{Job: tc.job, Period: tc.period}); err != nil {
				t.Fatalf("%s after a full transform: %v", tc.job, err)
			}
			sameTextFiles(t, outFull, outPruned)
		})
	}
}

func mustAsOf(t *testing.T, r *Runner, job, p string) time.Time {
	t.Helper()
	_, asOf, err := resolvePeriod(jobKind(job), p, r.Now(), r.Config.Location)
	if err != nil {
		t.Fatal(err)
	}
	return asOf
}

// fullTransform loads the fixture and builds every model, as `salesops
// transform` does, then leaves the job nothing to ingest.
func fullTransform(t *testing.T, r *Runner, ing *sqlIngest, job, p string) {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, r.Config.WarehousePath(), warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, _, err := ing.step(ctx, w); err != nil {
		t.Fatal(err)
	}
	opt, err := bonus.Transform(r.Config, mustAsOf(t, r, job, p), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := transform.Run(ctx, w, opt); err != nil {
		t.Fatal(err)
	}
}

func tableNames(t *testing.T, r *Runner) []string {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, r.Config.WarehousePath(), warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	rows, err := w.DB.QueryContext(ctx, `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary AND NOT internal`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTextFiles compares every CSV, JSON and HTML file under two report
// folders byte for byte.
func sameTextFiles(t *testing.T, want, got string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(want, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains([]string{".csv", ".json", ".html"}, filepath.Ext(path)) {
			return err
		}
		rel, _ := filepath.Rel(want, path)
		a, b := read(t, path), read(t, filepath.Join(got, rel))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the full and the pruned transform", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no report to compare")
	}
}

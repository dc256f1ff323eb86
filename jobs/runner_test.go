package jobs

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// sqlIngest stands in for the ingest step: it applies each fixture once.
type sqlIngest struct{ pending []string }

func (s *sqlIngest) step(ctx context.Context, w *warehouse.Warehouse) (any, int64, error) {
	for _, q := range s.pending {
		if _, err := w.DB.ExecContext(ctx, q); err != nil {
			return nil, 0, err
		}
	}
	s.pending = nil
	return map[string]int{"files": 0}, 0, nil
}

func testRunner(t *testing.T) (*Runner, *sqlIngest, string) {
	t.Helper()
	dir := t.TempDir()
	cfg, err := config.Parse(filepath.Join(dir, "salesops.yaml"), []byte("version: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	fixture, err := os.ReadFile("../transform/testdata/bonus_case.sql")
	if err != nil {
		t.Fatal(err)
	}
	ing := &sqlIngest{pending: []string{string(fixture)}}
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, cfg.Location)
	r := &Runner{Config: cfg, Now: func() time.Time { return now }, Ingest: ing.step}
	return r, ing, filepath.Join(dir, "reports")
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMonthlyBonusRerunsCloseAndAdjust(t *testing.T) {
	ctx := context.Background()
	r, ing, out := testRunner(t)
	run := func(p string) Outcome {
		t.Helper()
		o, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: p})
		if err != nil {
			t.Fatalf("run %s: %v", p, err)
		}
		return o
	}
	run("2026-10")
	csv1, json1 := read(t, filepath.Join(out, "2026-10", "bonus-2026-10.csv")), read(t, filepath.Join(out, "2026-10", "bonus-2026-10.json"))
	run("2026-10")
	if !bytes.Equal(csv1, read(t, filepath.Join(out, "2026-10", "bonus-2026-10.csv"))) || !bytes.Equal(json1, read(t, filepath.Join(out, "2026-10", "bonus-2026-10.json"))) {
		t.Fatal("a rerun on the same data changed the bonus CSV or JSON")
	}
	for _, want := range []string{"2026-10,A,Ann,T1,true,7000.00,1,3,0.666666666667,", ",285.00,1\r\n", "2026-10,C,Cy,T2,false,0.00,0,0,,,,,,,0.00,\r\n", "2026-10,unknown,unknown,,false,4000.00,"} {
		if !bytes.Contains(csv1, []byte(want)) {
			t.Errorf("bonus CSV lacks %q:\n%s", want, csv1)
		}
	}
	if !bytes.Contains(json1, []byte(`"pool": "950.00"`)) || !bytes.Contains(json1, []byte(`"unallocated": "380.00"`)) {
		t.Errorf("bonus JSON pool figures wrong:\n%s", json1)
	}

	// Close October; a late deal for B in October must not change it...
	if _, err := r.Close(ctx, "2026-10", SignOff{By: "fin"}); err != nil {
		t.Fatal(err)
	}
	frozenCSV := read(t, filepath.Join(out, "2026-10", "bonus-2026-10.csv"))
	if !bytes.Equal(frozenCSV, csv1) {
		t.Errorf("closing changed the CSV:\n%s\nvs\n%s", frozenCSV, csv1)
	}
	ing.pending = []string{`INSERT INTO reps (rep_id, name, team) VALUES ('F', 'Fay', 'T1');
		INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, close_date) VALUES
		('late1', 'c20', 'F', 'won', 100000.00, DATE '2026-10-28'),
		('nov1', 'c21', 'A', 'won', 20000.00, DATE '2026-11-03')`}
	o := run("2026-10")
	if !o.Closed || !bytes.Equal(frozenCSV, read(t, filepath.Join(out, "2026-10", "bonus-2026-10.csv"))) {
		t.Fatalf("a closed month's rerun changed: closed=%v", o.Closed)
	}
	// ...and shows as an adjustment in November's outputs: with F's sale the
	// October pool is 5% of 119000 = 5950, cap 1785: A, B, F capped at 1785.
	run("2026-11")
	adj := string(read(t, filepath.Join(out, "2026-11", "adjustments-2026-11.csv")))
	for _, want := range []string{"2026-10,A,285.00,1785.00,1500.00", "2026-10,B,285.00,1785.00,1500.00", "2026-10,F,0.00,1785.00,1785.00"} {
		if !strings.Contains(adj, want) {
			t.Errorf("adjustments lack %q:\n%s", want, adj)
		}
	}

	// Closing twice is refused with exit 5; reopening records the reason.
	_, err := r.Close(ctx, "2026-10", SignOff{By: "fin"})
	var ce *ClosedError
	if !errors.As(err, &ce) || faults.ExitCode(err) != faults.ExitClosed {
		t.Fatalf("second close: %v (exit %d)", err, faults.ExitCode(err))
	}
	if _, err := r.Reopen(ctx, "2026-10", SignOff{By: "fin", Reason: "late deal late1 approved"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Reopen(ctx, "2026-10", SignOff{By: "fin", Reason: "again"}); faults.ExitCode(err) != faults.ExitUsage {
		t.Fatalf("reopening an open month: %v", err)
	}
	run("2026-10")
	if bytes.Equal(frozenCSV, read(t, filepath.Join(out, "2026-10", "bonus-2026-10.csv"))) {
		t.Error("after reopen the month should show the current numbers")
	}
	w, err := warehouse.Open(ctx, r.Config.WarehousePath(), warehouse.Options{ReadOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	runs, err := w.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var sawReason, sawFailedClose bool
	for _, rr := range runs {
		sawReason = sawReason || (rr.Job == "reopen" && strings.Contains(rr.Detail, "late deal late1 approved"))
		sawFailedClose = sawFailedClose || (rr.Job == "close" && rr.Status == "failed" && strings.Contains(rr.Error, "was closed on"))
		if rr.Status == "running" || rr.FinishedAt.IsZero() {
			t.Errorf("run %d left unfinished", rr.ID)
		}
	}
	if !sawReason || !sawFailedClose || len(runs) != 9 {
		t.Errorf("run history: reason %v failed close %v, %d runs", sawReason, sawFailedClose, len(runs))
	}
}

func TestRunRefusesBadPeriodsAndHeldLock(t *testing.T) {
	ctx := context.Background()
	r, _, _ := testRunner(t)
	for _, p := range []string{"2026-Q3", "2027-01", "junk"} {
		if _, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: p}); faults.ExitCode(err) != faults.ExitUsage {
			t.Errorf("period %s: %v", p, err)
		}
	}
	lock, err := AcquireLock(ctx, r.Config.WarehousePath(), Holder{Job: "backup"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	_, err = r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"})
	if faults.ExitCode(err) != faults.ExitLocked || !strings.Contains(err.Error(), "backup") {
		t.Fatalf("run under a held lock: %v", err)
	}
}

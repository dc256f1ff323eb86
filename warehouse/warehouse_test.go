package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestOpenTwiceAndRuns(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)
	id, err := w.StartRun(ctx, Run{Job: "monthly-bonus", Period: "2026-10", Trigger: "schedule", ScheduledAt: start, StartedAt: start})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.FinishRun(ctx, Run{ID: id, FinishedAt: start.Add(time.Minute), Status: "ok", Outputs: []string{"a.csv"}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening applies the schema again without harm and keeps the history.
	w, err = Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	runs, err := w.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Status != "ok" || runs[0].Outputs[0] != "a.csv" || !runs[0].ScheduledAt.Equal(start) {
		t.Fatalf("runs = %+v", runs)
	}
	last, ok, err := w.LastScheduled(ctx, "monthly-bonus")
	if err != nil || !ok || !last.Equal(start) {
		t.Fatalf("LastScheduled = %v %v %v", last, ok, err)
	}
	if _, ok, _ := w.LastScheduled(ctx, "refresh"); ok {
		t.Error("refresh has no scheduled run")
	}
	fp, err := w.Fingerprint(ctx)
	if err != nil || fp == "" {
		t.Fatalf("fingerprint %q %v", fp, err)
	}
}

func TestTxRollsBack(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	_ = w.Tx(ctx, func(tx *sqlTx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO reps (rep_id) VALUES ('S1')"); err != nil {
			return err
		}
		return errBoom
	})
	var n int
	if err := w.DB.QueryRowContext(ctx, "SELECT count(*) FROM reps").Scan(&n); err != nil || n != 0 {
		t.Fatalf("after a failed transaction reps has %d rows (%v)", n, err)
	}
}

type sqlTx = sql.Tx

var errBoom = errors.New("boom")

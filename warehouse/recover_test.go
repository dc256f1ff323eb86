package warehouse

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/faults"
)

// What a torn commit can leave and what recoverTornCommit takes out: rows
// of no committed batch and their history rows, rejects and warnings of
// no committed batch, lines of a month not closed, and the transform's
// record of what it built. What committed work wrote stays.
func TestRecoverTornCommit(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, q := range []string{
		`INSERT INTO ingest_batches (batch_id, status) VALUES (1, 'committed'), (2, 'failed')`,
		// batch 1 committed; 2 failed, recorded with no rows; 3 never committed.
		`INSERT INTO deals (deal_id, rep_id, status, _batch) VALUES ('D1', 'R', 'won', 1), ('D2', 'R', 'won', 1),
			('D2', 'R', 'lost', 3), ('D3', 'R', 'won', 3), ('D4', 'R', 'won', NULL)`,
		`INSERT INTO deals_history (deal_id, rep_id, status, _batch, _superseded_by) VALUES ('D0', 'R', 'won', 1, 1), ('D2', 'R', 'won', 1, 3)`,
		`INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, _batch) VALUES ('F1', 'C', 'R', TIMESTAMP '2026-10-01 09:00', 3)`,
		`INSERT INTO rejects (batch_id, line) VALUES (1, 10), (3, 11)`,
		`INSERT INTO ingest_warnings (batch_id, line) VALUES (3, 12)`,
		`INSERT INTO ingest_files (batch_id, status) VALUES (2, 'failed')`,
		`INSERT INTO period_closes (period) VALUES ('2026-09')`,
		`INSERT INTO closed_detail_lines VALUES ('2026-09', 'Deals', 1, '{}'), ('2026-10', 'Deals', 1, '{}')`,
		`INSERT INTO transform_state VALUES ('deal_events', 'f', now(), 1)`,
		`INSERT INTO transform_keyed VALUES ('deal_events', 'f', 'b', 1, '{}')`,
	} {
		if _, err := w.DB.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := w.recoverTornCommit(ctx); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		`SELECT string_agg(deal_id || ':' || coalesce(_batch::VARCHAR, '-'), ' ' ORDER BY deal_id) FROM deals`: "D1:1 D2:1 D4:-",
		`SELECT string_agg(deal_id, ' ' ORDER BY deal_id) FROM deals_history`:                                  "D0",
		`SELECT count(*)::VARCHAR FROM followups`:                                                              "0",
		`SELECT string_agg(line::VARCHAR, ' ' ORDER BY line) FROM rejects`:                                     "10",
		`SELECT count(*)::VARCHAR FROM ingest_warnings`:                                                        "0",
		`SELECT count(*)::VARCHAR FROM ingest_files`:                                                           "1",
		`SELECT string_agg(period, ' ') FROM closed_detail_lines`:                                              "2026-09",
		`SELECT count(*)::VARCHAR FROM transform_state`:                                                        "0",
		`SELECT count(*)::VARCHAR FROM transform_keyed`:                                                        "0",
	} {
		var got string
		if err := w.DB.QueryRowContext(ctx, q).Scan(&got); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", q, diff)
		}
	}
}

// A second open in the same process shares DuckDB's instance of the first,
// and the WAL it finds is that instance's own: nothing is taken out.
func TestSecondOpenKeepsTheLiveWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	a, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.DB.ExecContext(ctx, `INSERT INTO transform_state VALUES ('m', 'f', now(), 1)`); err != nil {
		t.Fatal(err)
	}
	if !walLeft(path) {
		t.Fatal("no WAL after a commit: the test shows nothing")
	}
	b, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	b.Close() // a second close must not end the first open's count
	c, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var n int
	if err := c.DB.QueryRowContext(ctx, `SELECT count(*) FROM transform_state`).Scan(&n); err != nil || n != 1 {
		t.Errorf("transform_state has %d rows (%v), want the live open's 1", n, err)
	}
}

// A reader that finds a dead process's WAL and cannot open the file for
// writing to repair it is refused with the way out, not let through to
// rows no commit stands behind; a file in use gives the in-use error
// unchanged (exit 4).
func TestRepairForReader(t *testing.T) {
	ctx := context.Background()
	denied := &os.PathError{Op: "open", Path: "w.duckdb.wal", Err: os.ErrPermission}
	inUse := classifyOpenError("w.duckdb", errors.New(`IO Error: Could not set lock on file "w.duckdb"`))
	tests := []struct {
		name     string
		openRW   func(t *testing.T) (*Warehouse, error)
		wantErr  []error  // what errors.Is must find; none: no error
		wantMsg  []string // what the message must say
		wantExit int
	}{
		{"repaired", func(t *testing.T) (*Warehouse, error) {
			return Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{}, nil)
		}, nil, nil, faults.ExitOK},
		{"in use", func(*testing.T) (*Warehouse, error) { return nil, inUse }, []error{ErrInUse}, nil, faults.ExitLocked},
		{"may not write", func(*testing.T) (*Warehouse, error) { return nil, denied },
			[]error{os.ErrPermission}, []string{"w.duckdb", "could not be opened for writing", "salesops vacuum"}, faults.ExitUnexpected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			err := repairForReader("w.duckdb", func() (*Warehouse, error) { called = true; return tt.openRW(t) })
			if !called {
				t.Fatal("the repair did not open the file")
			}
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("repair: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("the reader was let through without the repair")
			}
			for _, want := range tt.wantErr {
				if !errors.Is(err, want) {
					t.Errorf("error %q does not wrap %v", err, want)
				}
			}
			for _, s := range tt.wantMsg {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if got := faults.ExitCode(err); got != tt.wantExit {
				t.Errorf("error %q: exit %d, want %d", err, got, tt.wantExit)
			}
		})
	}
}

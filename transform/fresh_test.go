package transform

import (
	"context"
	"database/sql"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// TestRebuildsOnlyWhatChanged runs the same transform again after each
// change a user makes (new data in one table, a parameter, a model's SQL,
// a dropped table) and checks which models are rebuilt and what they hold:
// exactly those downstream of the change.
func TestRebuildsOnlyWhatChanged(t *testing.T) {
	ctx := context.Background()
	fsys := fstest.MapFS{
		// a reads deals (a canonical table, stamped by the caller);
		// b reads audit_responses (a system table without a stamp: hashed).
		"models/a.sql": {Data: []byte("-- reads: deals\nCREATE OR REPLACE TABLE a AS SELECT count(*) AS n FROM deals")},
		"models/b.sql": {Data: []byte("-- reads: audit_responses\nCREATE OR REPLACE TABLE b AS SELECT count(*) AS n FROM audit_responses")},
		"models/c.sql": {Data: []byte("-- depends: a\nCREATE OR REPLACE TABLE c AS SELECT n * getvariable('k') AS n FROM a")},
		"models/d.sql": {Data: []byte("-- depends: b, c\nCREATE OR REPLACE TABLE d AS SELECT b.n AS b, c.n AS c FROM b, c")},
	}
	var stepRuns int
	step := func(fp string) Step {
		return Step{Name: "s", Depends: []string{"d"}, Fingerprint: fp, Run: func(ctx context.Context, tx *sql.Tx) error {
			stepRuns++
			_, err := tx.ExecContext(ctx, "CREATE OR REPLACE TABLE s AS SELECT * FROM d")
			return err
		}}
	}
	w := openTemp(t)
	exec := func(q string) {
		t.Helper()
		if _, err := w.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	stamps := map[string]string{"deals": "batch 1"}
	opt := Options{FS: fsys, Vars: map[string]any{"k": 2}, Stamps: stamps, Steps: []Step{step("plan 1")}}
	run := func(step string, wantBuilt []string, wantD string) {
		t.Helper()
		res, err := Run(ctx, w, opt)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if diff := cmp.Diff(wantBuilt, res.Models); diff != "" {
			t.Errorf("%s: built (-want +got):\n%s", step, diff)
		}
		if len(res.Models)+len(res.Fresh) != 5 {
			t.Errorf("%s: built %v and kept %v: not all five models", step, res.Models, res.Fresh)
		}
		var got string
		if err := w.DB.QueryRowContext(ctx, "SELECT b || '/' || c FROM s").Scan(&got); err != nil || got != wantD {
			t.Errorf("%s: s holds %q (%v), want %q", step, got, err, wantD)
		}
	}
	run("first run", []string{"a", "b", "c", "d", "s"}, "0/0")
	run("nothing new", nil, "0/0")

	exec(`INSERT INTO deals (deal_id, rep_id, status) VALUES ('D1', 'R1', 'open')`)
	stamps["deals"] = "batch 2"
	run("a new batch of deals", []string{"a", "c", "d", "s"}, "0/2")

	exec(`INSERT INTO audit_responses VALUES ('F1', 'ack', 'Li', NULL, TIMESTAMP '2026-10-01 09:00', NULL)`)
	run("an audit response (hashed, no stamp)", []string{"b", "d", "s"}, "1/2")

	opt.Vars["k"] = 3
	run("a parameter one model reads", []string{"c", "d", "s"}, "1/3")

	opt.Steps = []Step{step("plan 2")}
	run("the step's plan", []string{"s"}, "1/3")

	fsys["models/b.sql"] = &fstest.MapFile{Data: []byte("-- reads: audit_responses\nCREATE OR REPLACE TABLE b AS SELECT count(*) + 10 AS n FROM audit_responses")}
	run("a model's SQL", []string{"b", "d", "s"}, "11/3")

	exec("DROP TABLE c")
	run("a dropped table", []string{"c"}, "11/3")

	opt.Steps = []Step{step("")}
	run("a step that cannot name its inputs", []string{"s"}, "11/3")
	run("... is rebuilt every time", []string{"s"}, "11/3")

	opt.Steps, opt.Full = []Step{step("plan 2")}, true
	run("--full", []string{"a", "b", "c", "d", "s"}, "11/3")
}

// A rerun with nothing new still records an ingest batch (of skipped
// files). A model that dates rejects by their batch must not be rebuilt for
// it: it reads only the batches that rejected rows.
func TestBatchesThatRejectNothingRebuildNothing(t *testing.T) {
	ctx := context.Background()
	fsys := fstest.MapFS{
		"models/e.sql": {Data: []byte("-- reads: rejects, ingest_batches\nCREATE OR REPLACE TABLE e AS " +
			"SELECT j.line, CAST(b.started_at AS DATE) AS day FROM rejects j LEFT JOIN ingest_batches b USING (batch_id)")},
	}
	w := openTemp(t)
	exec := func(q string) {
		t.Helper()
		if _, err := w.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	opt := Options{FS: fsys}
	for _, tt := range []struct {
		step, sql string
		built     []string
	}{
		{"first run", "", []string{"e"}},
		{"a batch that loaded nothing", "INSERT INTO ingest_batches VALUES (2, TIMESTAMP '2026-10-02 06:00', TIMESTAMP '2026-10-02 06:01', 'ok', 0, NULL)", nil},
		{"a batch that rejected a row", "INSERT INTO ingest_batches VALUES (3, TIMESTAMP '2026-10-03 06:00', NULL, 'ok', 1, NULL); " +
			"INSERT INTO rejects (batch_id, kind, file, line, reason) VALUES (3, 'sales', 'sales.csv', 7, 'bad date')", []string{"e"}},
		{"that batch finishing", "UPDATE ingest_batches SET finished_at = TIMESTAMP '2026-10-03 06:02' WHERE batch_id = 3", nil},
		{"that batch's start moving", "UPDATE ingest_batches SET started_at = TIMESTAMP '2026-10-04 06:00' WHERE batch_id = 3", []string{"e"}},
	} {
		if tt.sql != "" {
			exec(tt.sql)
		}
		res, err := Run(ctx, w, opt)
		if err != nil {
			t.Fatalf("%s: %v", tt.step, err)
		}
		if diff := cmp.Diff(tt.built, res.Models); diff != "" {
			t.Errorf("%s: built (-want +got):\n%s", tt.step, diff)
		}
	}
}

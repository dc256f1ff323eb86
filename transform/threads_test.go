package transform

import (
	"context"
	"testing"
	"testing/fstest"
)

// A model with a "-- threads: N" header builds with DuckDB's threads
// capped at N, and the models after it get the threads back.
func TestModelThreadsHeader(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	if _, err := w.DB.ExecContext(ctx, "SET threads = 3"); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"models/a.sql": {Data: []byte("-- threads: 1\nCREATE OR REPLACE TABLE a AS SELECT current_setting('threads') AS n")},
		"models/b.sql": {Data: []byte("-- depends: a\nCREATE OR REPLACE TABLE b AS SELECT current_setting('threads') AS n")},
	}
	if _, err := Run(ctx, w, Options{FS: fsys}); err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int64{"a": 1, "b": 3} {
		var n int64
		if err := w.DB.QueryRowContext(ctx, "SELECT n FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("model %s built with %d threads, want %d", table, n, want)
		}
	}
}

// A data test takes the same header: at ten million deals the audit's key
// test held two hash aggregates of 33 million rows at once and ran out of
// the default memory_limit on two threads.
func TestDataTestThreadsHeader(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	if _, err := w.DB.ExecContext(ctx, "SET threads = 3"); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"models/a.sql": {Data: []byte("CREATE OR REPLACE TABLE a AS SELECT 1 AS x")},
		"tests/a_capped.sql": {Data: []byte("-- tests: a\n-- threads: 1\n" +
			"SELECT current_setting('threads') AS n FROM a WHERE current_setting('threads')::INTEGER <> 1")},
		"tests/a_plain.sql": {Data: []byte("-- tests: a\n" +
			"SELECT current_setting('threads') AS n FROM a WHERE current_setting('threads')::INTEGER <> 3")},
	}
	if _, err := Run(ctx, w, Options{FS: fsys}); err != nil {
		t.Fatal(err)
	}
}

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

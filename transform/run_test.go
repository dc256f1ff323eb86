package transform

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/internal/testutil"
	"github.com/salesops/salesops/warehouse"
)

func openTemp(t *testing.T) *warehouse.Warehouse { return testutil.OpenTemp(t) }

func TestOrder(t *testing.T) {
	nodes := map[string][]string{"c": {"b"}, "b": {"a"}, "a": nil, "z": nil, "d": {"a"}}
	for _, tc := range []struct {
		first map[string]bool
		want  []string
	}{
		{nil, []string{"a", "b", "c", "d", "z"}},
		// z first as soon as it is ready; d ahead of b, ready with it.
		{map[string]bool{"z": true, "d": true}, []string{"z", "a", "d", "b", "c"}},
	} {
		got, err := order(nodes, tc.first)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("order with first %v (-want +got):\n%s", tc.first, diff)
		}
	}
	if _, err := order(map[string][]string{"a": {"b"}, "b": {"a"}}, nil); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cycle not reported: %v", err)
	}
	if _, err := order(map[string][]string{"a": {"nope"}}, nil); err == nil {
		t.Error("unknown dependency not reported")
	}
}

func TestRunModelsStepsAndTests(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	fsys := fstest.MapFS{
		"models/b.sql":    {Data: []byte("-- depends: a\nCREATE OR REPLACE TABLE b AS SELECT x * 2 AS y FROM a")},
		"models/a.sql":    {Data: []byte("CREATE OR REPLACE TABLE a AS SELECT getvariable('n') AS x, getvariable('d') AS d")},
		"tests/b_pos.sql": {Data: []byte("-- tests: b\nSELECT * FROM b WHERE y <= 0")},
	}
	var seen int
	step := Step{Name: "c", Depends: []string{"b"}, Run: func(ctx context.Context, tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT y FROM b").Scan(&seen)
	}}
	res, err := Run(ctx, w, Options{FS: fsys, Steps: []Step{step}, Vars: map[string]any{"n": 21, "d": time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, res.Models); diff != "" || res.Tests != 1 || seen != 42 {
		t.Fatalf("models %v tests %d seen %d", res.Models, res.Tests, seen)
	}
	// A failing data test rolls everything back and is a data failure.
	_, err = Run(ctx, w, Options{FS: fsys, Vars: map[string]any{"n": -1, "d": "x'; DROP TABLE a; --"}})
	var dte *DataTestError
	if !errors.As(err, &dte) || dte.Count != 1 || !errors.Is(err, faults.ErrData) {
		t.Fatalf("want a data test failure, got %v", err)
	}
	var y int
	if err := w.DB.QueryRowContext(ctx, "SELECT y FROM b").Scan(&y); err != nil || y != 42 {
		t.Fatalf("failed transform was not rolled back: y=%d err=%v", y, err)
	}
}

// A view is read after the transform, where its variables are not set:
// one that calls getvariable() is refused before anything is built, while
// the same SQL as a table builds.
func TestViewReadingAVariableIsRefused(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	for _, tc := range []struct{ sql, want string }{
		{"CREATE OR REPLACE VIEW v AS SELECT coalesce(getvariable('days'), 14) AS d", "model v is a view but reads getvariable('days')"},
		{"CREATE OR REPLACE TABLE v AS SELECT coalesce(getvariable('days'), 14) AS d", ""},
		{"CREATE OR REPLACE VIEW v AS SELECT 14 AS d", ""},
	} {
		_, err := Run(ctx, w, Options{FS: fstest.MapFS{"models/v.sql": {Data: []byte(tc.sql)}}, Vars: map[string]any{"days": 30}})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.sql, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want an error saying %q", tc.sql, err, tc.want)
		}
	}
}

package transform_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/transform"
)

// A model an earlier salesops built and the embedded models no longer
// define (as rep_activity, a view, was retired) is dropped, with what the
// transform recorded of it, by the next run of the embedded models, and
// only by that: a run of a test's own models retires nothing, and a view
// the transform did not record (a user's) stays.
func TestRetiredModelsAreDropped(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	execAll(t, w, `CREATE VIEW old_view AS SELECT 1 AS x`, `CREATE TABLE old_table AS SELECT 1 AS x`, `CREATE VIEW mine AS SELECT 2 AS y`,
		`INSERT INTO transform_state VALUES ('old_view', 'fp', now(), 1), ('old_table', 'fp', now(), 1)`,
		`INSERT INTO transform_keyed VALUES ('old_table', 'fp', 'base', 0, '')`)
	objects := func() []string {
		t.Helper()
		rows, err := w.DB.QueryContext(ctx, `SELECT name FROM (
			SELECT view_name AS name FROM duckdb_views() WHERE NOT internal AND view_name IN ('old_view', 'mine')
			UNION ALL SELECT table_name FROM duckdb_tables() WHERE table_name = 'old_table'
			UNION ALL SELECT 'state ' || model FROM transform_state WHERE model LIKE 'old%'
			UNION ALL SELECT 'keyed ' || model FROM transform_keyed WHERE model LIKE 'old%') ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	all := []string{"keyed old_table", "mine", "old_table", "old_view", "state old_table", "state old_view"}

	stubs := fstest.MapFS{"models/a.sql": {Data: []byte("CREATE OR REPLACE TABLE a AS SELECT 1 AS x")}}
	res, err := transform.Run(ctx, w, transform.Options{FS: stubs})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(all, objects()); diff != "" || len(res.Retired) != 0 {
		t.Fatalf("a run of other models retired %v (-want +got):\n%s", res.Retired, diff)
	}

	cfg := config.Default()
	opt := transform.Standard(cfg, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), nil, bonusStep(t, cfg))
	opt.Targets = []string{"rep_dim"}
	if res, err = transform.Run(ctx, w, opt); err != nil {
		t.Fatal(err)
	}
	// The stubs' model a, which that run built and recorded, is retired too.
	if diff := cmp.Diff([]string{"a", "old_table", "old_view"}, res.Retired); diff != "" {
		t.Errorf("retired (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"mine"}, objects()); diff != "" {
		t.Errorf("left after the run of the embedded models (-want +got):\n%s", diff)
	}
	if res, err = transform.Run(ctx, w, opt); err != nil || len(res.Retired) != 0 {
		t.Errorf("the next run retired %v, err %v", res.Retired, err)
	}
}

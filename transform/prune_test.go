package transform

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestRunBuildsOnlyWhatTargetsNeed(t *testing.T) {
	fsys := fstest.MapFS{
		"models/a.sql":    {Data: []byte("CREATE OR REPLACE TABLE a AS SELECT 1 AS x")},
		"models/b.sql":    {Data: []byte("-- depends: a\nCREATE OR REPLACE TABLE b AS SELECT x FROM a")},
		"models/c.sql":    {Data: []byte("-- depends: a\nCREATE OR REPLACE TABLE c AS SELECT x FROM a")},
		"models/d.sql":    {Data: []byte("CREATE OR REPLACE TABLE d AS SELECT 4 AS x")},
		"tests/a_one.sql": {Data: []byte("-- tests: a\nSELECT * FROM a WHERE x <> 1")},
		// Fails whenever it runs: it must not run unless c is built.
		"tests/c_never.sql": {Data: []byte("-- tests: c\nSELECT * FROM c")},
	}
	step := Step{Name: "s", Depends: []string{"b"}, Run: func(context.Context, *sql.Tx) error { return nil }}
	cases := []struct {
		name    string
		targets []string
		models  []string
		tests   int
		err     string
	}{
		{name: "one model and its ancestors", targets: []string{"b"}, models: []string{"a", "b"}, tests: 1},
		{name: "a step pulls in its dependencies", targets: []string{"s", "d"}, models: []string{"a", "b", "d", "s"}, tests: 1},
		{name: "a root alone", targets: []string{"d"}, models: []string{"d"}},
		{name: "unknown target", targets: []string{"b", "nope"}, err: "nope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := openTemp(t)
			opt := Options{FS: fsys, Steps: []Step{step}, Targets: tc.targets}
			planned, perr := Plan(opt)
			res, err := Run(context.Background(), w, opt)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("want an error naming %q, got %v", tc.err, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if perr != nil || !slices.Equal(planned, res.Models) {
				t.Errorf("Plan says %v (err %v), Run built %v", planned, perr, res.Models)
			}
			if diff := cmp.Diff(tc.models, res.Models); diff != "" || res.Tests != tc.tests {
				t.Errorf("models (-want +got):\n%s\ntests %d, want %d", diff, res.Tests, tc.tests)
			}
			var n int
			if err := w.DB.QueryRow("SELECT count(*) FROM information_schema.tables WHERE table_name = 'c'").Scan(&n); err != nil || n != 0 {
				t.Errorf("c was built though no target needs it (n=%d, err=%v)", n, err)
			}
		})
	}
}

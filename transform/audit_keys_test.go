package transform_test

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	sqlmodels "github.com/salesops/salesops/sql"
	"github.com/salesops/salesops/transform"
)

// The data test of audit_opportunities finds a duplicated opportunity and
// a finding id two opportunities share, among many rows that are fine, and
// names them; it finds nothing in the rows alone.
func TestAuditOpportunitiesKeysTest(t *testing.T) {
	const rows = `SELECT '2026-Q3' AS period, 'A3' AS check_id, 'R' AS rep_id, 'followup:' || i AS opportunity_key,
       CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS VARCHAR) AS deal_id, DATE '2026-07-01' AS date,
       i % 7 = 0 AS failed, CASE WHEN i % 7 = 0 THEN 'x' END AS detail, CASE WHEN i % 7 = 0 THEN 'x' END AS detail_zh,
       false AS pending, CAST(NULL AS DATE) AS window_closes,
       CASE WHEN i % 7 = 0 THEN 'A3-2026Q3-' || i END AS finding_id, false AS waived, true AS counted
FROM range(50000) t(i)`
	for _, tc := range []struct {
		name, extra, want string
	}{
		{"none", "", ""},
		{"duplicate opportunity", "UNION ALL SELECT * REPLACE ('A3-2026Q3-x' AS finding_id) FROM (" + rows + ") WHERE opportunity_key = 'followup:49'",
			"followup:49 duplicate opportunity"},
		{"shared finding id", "UNION ALL SELECT * REPLACE ('followup:other' AS opportunity_key) FROM (" + rows + ") WHERE opportunity_key = 'followup:49'",
			"A3-2026Q3-49 finding_id shared by two opportunities"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			stubs := fstest.MapFS{
				"models/rep_dim.sql": {Data: []byte(`CREATE OR REPLACE TABLE rep_dim AS SELECT 'R' AS rep_id`)},
				"models/audit_opportunities.sql": {Data: []byte("-- depends: rep_dim\nCREATE OR REPLACE TABLE audit_opportunities AS " +
					rows + " " + tc.extra)},
			}
			for _, name := range []string{"tests/audit_opportunities_keys.sql", "tests/audit_opportunities_ids.sql", "tests/audit_opportunities_rows.sql"} {
				test, err := fs.ReadFile(sqlmodels.FS(), name)
				if err != nil {
					t.Fatal(err)
				}
				stubs[name] = &fstest.MapFile{Data: test}
			}
			w := openTemp(t)
			_, err := transform.Run(ctx, w, transform.Options{FS: stubs})
			var dt *transform.DataTestError
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("clean rows: %v", err)
			case tc.want == "":
				return
			case !errors.As(err, &dt):
				t.Fatalf("got %v, want the data test to fail", err)
			case dt.Count != 1 || dt.Rows[0][2]+" "+dt.Rows[0][3] != tc.want:
				t.Errorf("data test found %d row(s) %v, want one: %s", dt.Count, dt.Rows, tc.want)
			}
		})
	}
}

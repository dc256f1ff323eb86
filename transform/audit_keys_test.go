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

// The data tests of the opportunities find a duplicated opportunity, a
// finding id two opportunities share, a passed opportunity charged to a
// rep outside rep_dim, a passed one with a finding id (which
// audit_opp_counts would count even if waived), a finding without the
// reason its texts are written from and one without its stored text,
// among many rows that are fine, and name them; they find nothing in the rows alone. The rows are
// audit_opp_followups'; audit_opportunities lists the failed ones.
func TestAuditOpportunitiesKeysTest(t *testing.T) {
	const rows = `SELECT '2026-Q3' AS period, 'A3' AS check_id, 'R' AS rep_id, 'followup:' || i AS opportunity_key,
       CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS VARCHAR) AS deal_id, DATE '2026-07-01' AS date,
       i % 7 = 0 AS failed, false AS pending, CAST(NULL AS DATE) AS window_closes,
       CASE WHEN i % 7 = 0 THEN 'no_content' END AS reason,
       CASE WHEN i % 7 = 0 THEN 'A3-2026Q3-' || i END AS finding_id, 1 AS n_opps
FROM range(50000) t(i)`
	const none = `SELECT * FROM (` + rows + `) WHERE false`
	for _, tc := range []struct {
		name, extra, customers, want string
	}{
		{"none", "", "", ""},
		{"duplicate opportunity", "UNION ALL SELECT * REPLACE ('A3-2026Q3-x' AS finding_id) FROM (" + rows + ") WHERE opportunity_key = 'followup:49'",
			"", "followup:49 duplicate opportunity"},
		{"duplicate folded into one row", "WHERE i <> 49 UNION ALL SELECT * REPLACE (2 AS n_opps) FROM (" + rows + ") WHERE opportunity_key = 'followup:49'",
			"", "followup:49 duplicate opportunity"},
		{"shared finding id", "UNION ALL SELECT * REPLACE ('followup:other' AS opportunity_key) FROM (" + rows + ") WHERE opportunity_key = 'followup:49'",
			"", "A3-2026Q3-49 finding_id shared by two opportunities"},
		{"pass of a rep outside rep_dim", "UNION ALL SELECT * REPLACE ('followup:other' AS opportunity_key, 'Z' AS rep_id) FROM (" + rows + ") WHERE opportunity_key = 'followup:48'",
			"", "NULL rep not in rep_dim: Z"},
		{"pass with a finding id", "UNION ALL SELECT * REPLACE ('followup:other' AS opportunity_key, 'A3-2026Q3-o' AS finding_id) FROM (" + rows + ") WHERE opportunity_key = 'followup:48'",
			"", "followup:other finding id but neither failed nor pending"},
		{"finding without its reason", "UNION ALL SELECT * REPLACE ('followup:other' AS opportunity_key, NULL AS reason, 'A3-2026Q3-o' AS finding_id) FROM (" + rows + ") WHERE opportunity_key = 'followup:49'",
			"", "followup:other listed without the reason or date its texts are written from"},
		{"stored finding without its text", "",
			"UNION ALL SELECT * EXCLUDE (reason) REPLACE ('customer:c1' AS opportunity_key, 'A1' AS check_id, 'A1-2026Q3-c1' AS finding_id), 'x', NULL FROM (" + rows + ") WHERE opportunity_key = 'followup:49'",
			"customer:c1 finding without detail"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			stubs := fstest.MapFS{
				"models/rep_dim.sql":             {Data: []byte(`CREATE OR REPLACE TABLE rep_dim AS SELECT 'R' AS rep_id`)},
				"models/audit_opp_followups.sql": {Data: []byte("CREATE OR REPLACE TABLE audit_opp_followups AS " + rows + " " + tc.extra)},
			}
			// The other tables, empty, in their own shapes: the deal checks'
			// with the reason their texts are written from, the rest with
			// their texts.
			stubs["models/audit_opp_deals.sql"] = &fstest.MapFile{Data: []byte(
				"CREATE OR REPLACE TABLE audit_opp_deals AS SELECT *, CAST(NULL AS DATE) AS window_opens FROM (" + none + ")")}
			for _, name := range []string{"audit_opp_customers", "audit_opp_complaints", "audit_opp_data"} {
				stubs["models/"+name+".sql"] = &fstest.MapFile{Data: []byte("CREATE OR REPLACE TABLE " + name +
					" AS SELECT * EXCLUDE (reason), reason AS detail, reason AS detail_zh FROM (" + none + ")")}
			}
			if tc.customers != "" {
				stubs["models/audit_opp_customers.sql"].Data = []byte("CREATE OR REPLACE TABLE audit_opp_customers" +
					" AS SELECT * EXCLUDE (reason), reason AS detail, reason AS detail_zh FROM (" + none + ") " + tc.customers)
			}
			for _, name := range []string{"models/audit_opportunities.sql", "models/audit_opp_counts.sql",
				"tests/audit_opp_counts_keys.sql", "tests/audit_opp_counts_rows.sql",
				"tests/audit_opportunities_ids.sql", "tests/audit_opportunities_rows.sql"} {
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

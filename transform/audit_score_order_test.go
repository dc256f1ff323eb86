package transform_test

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	sqlmodels "github.com/salesops/salesops/sql"
	"github.com/salesops/salesops/transform"
)

// A rep's score is the same whatever order audit_rep_scores holds its
// checks in: that order comes from a parallel aggregate and changes from
// run to run, and summing the DOUBLE rates 1/2, 1/3 and 3/5 in the two
// orders differs in the last bit (52.222222222222236 and ...214), so a
// rerun could write a score that rounds differently.
func TestAuditScoreIgnoresRowOrder(t *testing.T) {
	ctx := context.Background()
	score := func(order string) float64 {
		stubs := fstest.MapFS{
			"models/periods.sql": {Data: []byte(`CREATE OR REPLACE TABLE periods AS
SELECT * FROM (VALUES ('2026-Q3', 'quarter', DATE '2026-07-01', DATE '2026-09-30')) AS t(period, kind, start_date, end_date);`)},
			"models/audit_opp_counts.sql": {Data: []byte(`CREATE OR REPLACE TABLE audit_opp_counts AS SELECT 1 AS x WHERE false`)},
			"models/audit_rep_scores.sql": {Data: []byte(`CREATE OR REPLACE TABLE audit_rep_scores AS
SELECT '2026-Q3' AS period, 'A' AS rep_id, check_id, CAST(1 AS DECIMAL(38,18)) AS weight, findings, opportunities,
       findings / opportunities AS rate
FROM (VALUES ('A1', 1, 2), ('A2', 1, 3), ('A3', 3, 5)) AS t(check_id, findings, opportunities)
ORDER BY check_id ` + order)},
		}
		for _, name := range []string{"models/rep_dim.sql", "models/audit_quarters.sql", "models/audit_rep_summary.sql"} {
			b, err := fs.ReadFile(sqlmodels.FS(), name)
			if err != nil {
				t.Fatal(err)
			}
			stubs[name] = &fstest.MapFile{Data: b}
		}
		w := openTemp(t)
		if _, err := w.DB.ExecContext(ctx, `INSERT INTO reps (rep_id, name) VALUES ('A', 'Ann')`); err != nil {
			t.Fatal(err)
		}
		vars := map[string]any{"as_of": time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)}
		if _, err := transform.Run(ctx, w, transform.Options{FS: stubs, Vars: vars}); err != nil {
			t.Fatal(err)
		}
		var s float64
		if err := w.DB.QueryRowContext(ctx, `SELECT score FROM audit_rep_summary WHERE rep_id = 'A'`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if asc, desc := score("ASC"), score("DESC"); asc != desc {
		t.Errorf("score %v with the checks in order, %v in reverse", asc, desc)
	}
}

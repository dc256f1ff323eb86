package i18n_test

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/sql"
)

// The audit's Chinese details are composed in SQL (detail_zh), which names
// an export kind in Chinese itself: those names must be the catalog's, for
// every kind, in both places the model names one.
func TestAuditSQLKindNamesAreTheCatalogs(t *testing.T) {
	b, err := fs.ReadFile(sql.FS(), "models/audit_opp_data.sql")
	if err != nil {
		t.Fatal(err)
	}
	cases := regexp.MustCompile(`(?s)CASE \w+\.kind (.*?) ELSE`).FindAllSubmatch(b, -1)
	if len(cases) != 2 {
		t.Fatalf("%d CASEs naming kinds in audit_opp_data.sql, want 2", len(cases))
	}
	for _, c := range cases {
		named := map[string]string{}
		for _, m := range regexp.MustCompile(`WHEN '(\w+)' THEN '([^']*)'`).FindAllSubmatch(c[1], -1) {
			named[string(m[1])] = string(m[2])
		}
		for _, k := range config.Kinds {
			if want := i18n.ZhCN.Term("data.kind", k); named[k] != want {
				t.Errorf("kind %s: the SQL says %q, the catalog %q", k, named[k], want)
			}
		}
	}
}

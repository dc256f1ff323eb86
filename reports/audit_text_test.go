package reports

import (
	"database/sql"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/i18n"
)

// Every word of the audit report comes out of the catalog in both
// languages, so a label added to the report (as the pending and response
// labels were) cannot show empty or as a missing key in either.
func TestAuditLabelsComplete(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZhCN} {
		l := auditLabelsFor(lang)
		v := reflect.ValueOf(l)
		for i := range v.NumField() {
			f, name := v.Field(i), v.Type().Field(i).Name
			var texts []string
			switch f.Kind() {
			case reflect.String:
				texts = []string{f.String()}
			case reflect.Slice:
				texts = l.HowToReadText
			}
			for _, s := range texts {
				if strings.TrimSpace(s) == "" || strings.Contains(s, i18n.MissingMark) {
					t.Errorf("%s: %s is %q", lang, name, s)
				}
			}
		}
		for _, id := range []string{"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"} {
			if l.CheckName(id) == id {
				t.Errorf("%s: check %s has no name", lang, id)
			}
		}
		for _, s := range []string{"high", "medium", "low"} {
			if lang == i18n.ZhCN && l.SeverityName(s) == s {
				t.Errorf("%s: severity %s has no name", lang, s)
			}
		}
	}
	for _, tt := range []struct {
		lang i18n.Lang
		r    auditResponse
		prev bool
		want string
	}{
		{i18n.EN, auditResponse{Action: "ack", By: "Li", Note: "on it", At: sqlDate(2026, 10, 5)}, false, "acknowledged by Li on 2026-10-05: on it"},
		{i18n.EN, auditResponse{Action: "waive", By: "Li", At: sqlDate(2026, 10, 5), FindingID: "A1-2026Q2-x"}, true, "last quarter (A1-2026Q2-x): waived by Li on 2026-10-05"},
		{i18n.ZhCN, auditResponse{Action: "ack", By: "李", Note: "处理中", At: sqlDate(2026, 10, 5)}, false, "李 于 2026-10-05 确认：处理中"},
		{i18n.ZhCN, auditResponse{}, false, ""},
	} {
		if got := auditLabelsFor(tt.lang).ResponseText(tt.r, tt.prev); got != tt.want {
			t.Errorf("%s %+v: %q, want %q", tt.lang, tt.r, got, tt.want)
		}
	}
}

func sqlDate(y, m, d int) sql.NullTime {
	return sql.NullTime{Time: time.Date(y, time.Month(m), d, 9, 0, 0, 0, time.UTC), Valid: true}
}

package reports

import (
	"database/sql"
	"reflect"
	"testing"
	"time"
)

// Every word of the audit report has a text in both languages, so a label
// added to one (as the pending and response labels were) cannot show empty
// in the other.
func TestAuditLabelsComplete(t *testing.T) {
	for _, l := range []auditLabels{auditEN, auditZH} {
		v := reflect.ValueOf(l)
		for i := range v.NumField() {
			f, name := v.Field(i), v.Type().Field(i).Name
			switch f.Kind() {
			case reflect.String:
				if f.String() == "" {
					t.Errorf("%s: %s is empty", l.Lang, name)
				}
			case reflect.Slice, reflect.Map:
				if f.Len() == 0 {
					t.Errorf("%s: %s is empty", l.Lang, name)
				}
			}
		}
		if len(l.HowToReadText) != len(auditEN.HowToReadText) || len(l.Checks) != 9 {
			t.Errorf("%s: %d paragraphs, %d checks", l.Lang, len(l.HowToReadText), len(l.Checks))
		}
	}
	for _, tt := range []struct {
		lang string
		r    auditResponse
		prev bool
		want string
	}{
		{"en", auditResponse{Action: "ack", By: "Li", Note: "on it", At: sqlDate(2026, 10, 5)}, false, "acknowledged by Li on 2026-10-05: on it"},
		{"en", auditResponse{Action: "waive", By: "Li", At: sqlDate(2026, 10, 5), FindingID: "A1-2026Q2-x"}, true, "last quarter (A1-2026Q2-x): waived by Li on 2026-10-05"},
		{"zh-CN", auditResponse{Action: "ack", By: "李", Note: "处理中", At: sqlDate(2026, 10, 5)}, false, "李 于 2026-10-05 确认：处理中"},
		{"zh-CN", auditResponse{}, false, ""},
	} {
		l, _ := auditLabelsFor(tt.lang)
		if got := l.ResponseText(tt.r, tt.prev); got != tt.want {
			t.Errorf("%s %+v: %q, want %q", tt.lang, tt.r, got, tt.want)
		}
	}
}

func sqlDate(y, m, d int) sql.NullTime {
	return sql.NullTime{Time: time.Date(y, time.Month(m), d, 9, 0, 0, 0, time.UTC), Valid: true}
}

package reports

import (
	"testing"

	"github.com/salesops/salesops/i18n"
)

// The dashboard's notes name the data's kinds, reasons and codes in the
// reader's language, and nothing else of a note's detail changes.
func TestProblemText(t *testing.T) {
	for _, tt := range []struct {
		lang          i18n.Lang
		key, in, want string
	}{
		{i18n.ZhCN, "dq.rejects", "sales: not a date", "销售：不是日期"},
		{i18n.ZhCN, "dq.rejects", "surveys: score 7 is outside the 1–5 scale", "问卷：评分 7 超出 1–5 分的范围"},
		{i18n.ZhCN, "dq.rejects", "sales: a reason from a newer ingest", "销售：a reason from a newer ingest"},
		{i18n.ZhCN, "dq.warnings", "sales: repeated_key", "销售：重复的键"},
		{i18n.ZhCN, "dq.warnings", "?: new_code", "?：new_code"},
		{i18n.ZhCN, "dq.unknown_customers", "C1, C2", "C1, C2"},
		{i18n.ZhCN, "dq.rejects", "no colon", "no colon"},
		{i18n.EN, "dq.rejects", "sales: not a date", "sales: not a date"},
		{i18n.EN, "dq.warnings", "sales: repeated_key", "sales: repeated key"},
	} {
		if got := problemText(tt.lang, tt.key, tt.in); got != tt.want {
			t.Errorf("%s %s %q = %q, want %q", tt.lang, tt.key, tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		lang           i18n.Lang
		id, name, want string
	}{
		{i18n.ZhCN, "unknown", "unknown", "名册外销售"},
		{i18n.ZhCN, "unattributed", "unattributed", "未归属"},
		{i18n.EN, "unknown", "unknown", "unknown"},
		{i18n.ZhCN, "S001", "李娜", "李娜"},
	} {
		if got := repLabel(tt.lang, tt.id, tt.name); got != tt.want {
			t.Errorf("repLabel(%s, %q, %q) = %q, want %q", tt.lang, tt.id, tt.name, got, tt.want)
		}
	}
}

package i18n

import (
	"regexp"
	"strings"
	"testing"
)

// verbs are the fmt verbs of a text, in the order of their arguments.
var verbs = regexp.MustCompile(`%(?:\[(\d+)\])?[sdv]`)

// Every key has a text in both languages, and the Chinese text takes the
// same arguments as the English one (a missing verb would drop a figure,
// an extra one would print %!s(MISSING)).
func TestCatalogComplete(t *testing.T) {
	for _, k := range Keys() {
		e := catalog[k]
		if strings.TrimSpace(e[0]) == "" || strings.TrimSpace(e[1]) == "" {
			t.Errorf("%s: en %q, zh-CN %q", k, e[0], e[1])
			continue
		}
		if a, b := argCount(e[0]), argCount(e[1]); a != b {
			t.Errorf("%s: en takes %d arguments, zh-CN %d: %q / %q", k, a, b, e[0], e[1])
		}
	}
}

// notWords are the parts of a Chinese text that are not words to
// translate: fmt verbs, the script's {placeholders}, command-line flags,
// configuration keys and file names (with a dot, an underscore or a
// trailing colon), acronyms and currency codes (all capitals: CSV, CRM,
// CSAT) and check ids (A4).
var notWords = regexp.MustCompile(`%(?:\[\d+\])?[sdv]|\{\w+\}|--\w+|[\w.]*[._][\w.]+|\w+:|\b[A-Z]{2,}\b|\b[A-Z]\d+\b`)

// zhAllowed are the only Latin words a Chinese text may hold: the
// product's name and commands a reader types (salesops audit ack, waive,
// approve), Excel (a product), and x (a formula's variable).
var zhAllowed = map[string]bool{"salesops": true, "audit": true, "ack": true, "waive": true, "approve": true, "Excel": true, "x": true}

// Every Chinese text is Chinese: a Latin word left in one (as “unknown”
// was in the dashboard's note on reps missing from the roster) is an
// untranslated word, unless it is something a reader types or reads as is.
func TestCatalogChineseHasNoEnglish(t *testing.T) {
	latin := regexp.MustCompile(`[A-Za-z]+`)
	for _, k := range Keys() {
		zh := catalog[k][1]
		if zh == catalog[k][0] {
			t.Errorf("%s: the Chinese text is the English one: %q", k, zh)
		}
		for _, w := range latin.FindAllString(notWords.ReplaceAllString(zh, " "), -1) {
			if !zhAllowed[w] {
				t.Errorf("%s: English %q in %q", k, w, zh)
			}
		}
	}
}

func argCount(s string) int {
	n, next := 0, 0
	for _, m := range verbs.FindAllStringSubmatch(strings.ReplaceAll(s, "%%", ""), -1) {
		i := next
		if m[1] != "" {
			i = int(m[1][0]-'0') - 1
		}
		next = i + 1
		n = max(n, next)
	}
	return n
}

func TestT(t *testing.T) {
	for _, tt := range []struct {
		l    Lang
		key  string
		args []any
		want string
	}{
		{EN, "m.win_rate", nil, "Win rate"},
		{ZhCN, "m.win_rate", nil, "成交率"},
		{ZhCN, "prog.months", []any{3}, "3个月"},
		{EN, "st.allocation", []any{"¥1.00", 2, 5}, "Your allocation: ¥1.00 (rank 2 of 5)."},
		{ZhCN, "st.allocation", []any{"¥1.00", 2, 5}, "您的奖金：¥1.00（5 人中第 2 名）。"},
		{ZhCN, "no.such.key", nil, MissingMark + "no.such.key⟧"},
		{Lang("fr"), "m.win_rate", nil, "Win rate"},
	} {
		if got := tt.l.T(tt.key, tt.args...); got != tt.want {
			t.Errorf("%v.T(%q, %v) = %q, want %q", tt.l, tt.key, tt.args, got, tt.want)
		}
	}
	for s, want := range map[string]Lang{"zh-CN": ZhCN, "en": EN, "": EN, "fr": EN} {
		if got := Parse(s); got != want {
			t.Errorf("Parse(%q) = %v", s, got)
		}
	}
	for s, want := range map[string]bool{"en": true, "zh-CN": true, "": false, "zh": false, "fr": false} {
		if _, ok := Known(s); ok != want {
			t.Errorf("Known(%q) = %v", s, ok)
		}
	}
	for _, tt := range []struct {
		l               Lang
		group, id, want string
	}{
		{ZhCN, "data.kind", "sales", "销售"},
		{EN, "data.kind", "sales", "sales"},
		{ZhCN, "warn", "repeated_key", "重复的键"},
		{ZhCN, "rep", "unknown", "名册外销售"},
		{ZhCN, "rep", "S001", "S001"},
	} {
		if got := tt.l.Term(tt.group, tt.id); got != tt.want {
			t.Errorf("%v.Term(%q, %q) = %q, want %q", tt.l, tt.group, tt.id, got, tt.want)
		}
	}
	if !Has("m.win_rate") || Has("no.such.key") {
		t.Error("Has")
	}
}

func TestReason(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"not a date", "不是日期"},
		{"not a date and time", "不是日期时间"},
		{"score 7 is outside the 1–5 scale", "评分 7 超出 1–5 分的范围"},
		{"missing rep_id", "缺少 rep_id"},
		{"no fx rate for USD in 2026-01 (load it as an fx_rates export)", "没有 USD 在 2026-01 的汇率（请导入汇率导出文件）"},
		{"key d1 appears on line 3 and again on line 9; line 9 wins", "键 d1 出现在第 3 行，又出现在第 9 行；以第 9 行为准"},
		{"a reason from a newer ingest", "a reason from a newer ingest"},
	} {
		if got := ZhCN.Reason(tt.in); got != tt.want {
			t.Errorf("Reason(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := EN.Reason(tt.in); got != tt.in {
			t.Errorf("EN.Reason(%q) = %q", tt.in, got)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{`被拒绝的销售记录（d.csv，第 3 行）：close_date "2026-13-45": not a date; score "7": score 7 is outside the 1–5 scale`,
			`被拒绝的销售记录（d.csv，第 3 行）：close_date "2026-13-45": 不是日期; score "7": 评分 7 超出 1–5 分的范围`},
		{`x: the row has 9 fields; the header has 8`, `x: 该行有 9 个字段，表头有 8 个`},
		{`amount "1.001": an amount with non-zero digits past the cent; : not known`,
			`amount "1.001": 金额在分以下还有非零数字; : not known`},
	} {
		if got := ZhCN.Reasons(tt.in); got != tt.want {
			t.Errorf("Reasons(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

package ingest

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/money"
)

// sqlParsers is a connection with the SQL value parsers defined.
type sqlParsers struct {
	t    testing.TB
	conn *sql.Conn
}

func newSQLParsers(t testing.TB) *sqlParsers {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := defineMacros(context.Background(), conn); err != nil {
		t.Fatal(err)
	}
	return &sqlParsers{t: t, conn: conn}
}

// eval returns the text of an SQL expression over $1 = s (NULL renders "NULL").
func (p *sqlParsers) eval(expr, s string) string {
	p.t.Helper()
	var v any
	if err := p.conn.QueryRowContext(context.Background(), "SELECT "+expr+" FROM (SELECT so_trim(CAST(? AS VARCHAR)) AS t)", s).Scan(&v); err != nil {
		p.t.Fatalf("%s on %q: %v", expr, s, err)
	}
	return render(v)
}

func TestMoney(t *testing.T) {
	sp := newSQLParsers(t)
	tests := []struct {
		in, want, reason string
	}{
		{"1234.5", "1234.50", ""},
		{"1,234.50", "1234.50", ""},
		{"¥1,234.50", "1234.50", ""},
		{"￥1234.5", "1234.50", ""},
		{"RMB 1234.50", "1234.50", ""},
		{"rmb1234.50", "1234.50", ""},
		{"1234.50元", "1234.50", ""},
		{"1.2万", "12000.00", ""},
		{"1.23456万", "12345.60", ""},
		{"1.2345678万", "", reasonCents},
		{"1.23456700万", "12345.67", ""},
		{"(1,234.00)", "-1234.00", ""},
		{"-1234", "-1234.00", ""},
		{"¥-5", "-5.00", ""},
		{"  7 ", "7.00", ""},
		{"\u30008.5\u3000", "8.50", ""},
		{".5", "0.50", ""},
		{"1.230", "1.23", ""},
		{"1.234", "", reasonCents},
		{"0.001", "", reasonCents},
		{"1,23", "", reasonAmount},
		{"12,3456.00", "", reasonAmount},
		{"abc", "", reasonAmount},
		{"--5", "", reasonAmount},
		{"(-5)", "", reasonAmount},
		{"¥", "", reasonAmount},
		{"1e5", "", reasonAmount},
		{"12345678901234567", "", reasonTooLarge},
		{"9999999999999999.99", "9999999999999999.99", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			c, err := ParseMoney(tc.in)
			got, reason := "", ""
			if err != nil {
				reason = err.Error()
			} else {
				got = c.String()
			}
			if got != tc.want || reason != tc.reason {
				t.Errorf("ParseMoney(%q) = %q, %q; want %q, %q", tc.in, got, reason, tc.want, tc.reason)
			}
			sqlGot, sqlReason := sp.eval("so_money(t)", tc.in), sp.eval("so_money_err(t)", tc.in)
			wantSQL, wantReason := tc.want, tc.reason
			if wantSQL == "" {
				wantSQL = "NULL"
			}
			if wantReason == "" {
				wantReason = "NULL"
			}
			if sqlGot != wantSQL || sqlReason != wantReason {
				t.Errorf("SQL so_money(%q) = %q, %q; want %q, %q", tc.in, sqlGot, sqlReason, wantSQL, wantReason)
			}
		})
	}
}

func TestDatesAndTimes(t *testing.T) {
	sp := newSQLParsers(t)
	sh, _ := time.LoadLocation("Asia/Shanghai")
	dates := []struct{ in, want string }{
		{"2026-11-03", "2026-11-03"},
		{"2026/11/3", "2026-11-03"},
		{"2026.11.03", "2026-11-03"},
		{"20261103", "2026-11-03"},
		{"2026年11月3日", "2026-11-03"},
		{"2026年3月5日", "2026-03-05"},
		{"2026-11-03 14:05:00", "2026-11-03"},
		{"2026-02-29", ""},
		{"2026-13-01", ""},
		{"03/11/2026", ""},
		{"2026-11", ""},
		{"0999-01-01", ""},
		{"tomorrow", ""},
	}
	for _, tc := range dates {
		d, err := ParseDate(tc.in, "")
		got := ""
		if err == nil {
			got = d.Format(time.DateOnly)
		} else if err.Error() != reasonDate {
			t.Errorf("ParseDate(%q) reason %q", tc.in, err)
		}
		want := tc.want
		if got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", tc.in, got, want)
		}
		if want == "" {
			want = "NULL"
		}
		if s := sp.eval("so_date0(t)", tc.in); s != want {
			t.Errorf("so_date0(%q) = %q, want %q", tc.in, s, want)
		}
	}
	if d, err := ParseDate("3/5/2026", "1/2/2006"); err != nil || d.Format(time.DateOnly) != "2026-03-05" {
		t.Errorf("ParseDate with layout = %v, %v", d, err)
	}
	if s := sp.eval("so_date(t, '%m/%d/%Y')", "3/5/2026"); s != "2026-03-05" {
		t.Errorf("so_date with layout = %q", s)
	}
	stamps := []struct{ in, want string }{
		{"2026-11-03 14:05", "2026-11-03 14:05:00"},
		{"2026-11-03T14:05:06", "2026-11-03 14:05:06"},
		{"2026/11/3 9:05", "2026-11-03 09:05:00"},
		{"2026年11月3日 14:05", "2026-11-03 14:05:00"},
		{"2026-11-03", "2026-11-03"},
		{"2026-11-03T06:05:00Z", "2026-11-03 14:05:00"},
		{"2026-11-03 14:05:00+08:00", "2026-11-03 14:05:00"},
		{"2026-11-03 01:00:00-0500", "2026-11-03 14:00:00"},
		{"2026-11-03 14:05:06.123456789", "2026-11-03 14:05:06.123456"},
		{"2026-11-03 24:00", ""},
		{"2026-11-03Z", ""},
		{"2026-11-03 14:05+15:00", ""},
	}
	for _, tc := range stamps {
		ts, err := ParseTimestamp(tc.in, "", sh)
		got := ""
		if err == nil {
			got = render(ts)
		}
		if got != tc.want {
			t.Errorf("ParseTimestamp(%q) = %q, want %q", tc.in, got, tc.want)
		}
		want := tc.want
		if want == "" {
			want = "NULL"
		}
		if s := sp.eval("so_ts0(t, 'Asia/Shanghai')", tc.in); s != want {
			t.Errorf("so_ts0(%q) = %q, want %q", tc.in, s, want)
		}
	}
}

func TestWordsAndBooleans(t *testing.T) {
	sp := newSQLParsers(t)
	bools := map[string]string{"true": "true", "Yes": "true", "y": "true", "1": "true", "是": "true", "已": "true",
		"FALSE": "false", "no": "false", "N": "false", "0": "false", "否": "false", "未": "false", "maybe": "NULL"}
	for in, want := range bools {
		b, err := ParseBool(in)
		got := "NULL"
		if err == nil {
			got = render(b)
		}
		if got != want {
			t.Errorf("ParseBool(%q) = %s, want %s", in, got, want)
		}
		if s := sp.eval("so_bool(t)", in); s != want {
			t.Errorf("so_bool(%q) = %s, want %s", in, s, want)
		}
	}
	mapped := []struct{ field, in, want string }{
		{"status", "已签约", "won"}, {"status", "Closed Won", "won"}, {"status", "已回款", "won"},
		{"status", "丢单", "lost"}, {"status", "Engaging", "open"}, {"status", "待签约", "open"},
		{"status", "已退款", "cancelled"}, {"status", "void", "cancelled"}, {"status", "赢了", ""},
		{"channel", "上门拜访", "visit"}, {"channel", "微信", "message"}, {"channel", "短信", "message"},
		{"channel", "电话", "call"}, {"channel", "邮件", "email"}, {"channel", "会议", "meeting"},
		{"stage", "客户开发", "development"}, {"stage", "回访", "follow_up"}, {"stage", "合同签署", "contract"},
		{"stage", "售后服务", "after_sales"}, {"kind", "投诉", "complaint"}, {"kind", "咨询", "request"},
	}
	for _, tc := range mapped {
		got, ok := MapWord(tc.field, tc.in, nil)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("MapWord(%s, %q) = %q, want %q", tc.field, tc.in, got, tc.want)
		}
		want := tc.want
		if want == "" {
			want = "NULL"
		}
		if s := sp.eval(caseMap("lower(t)", words[tc.field], false), tc.in); s != want {
			t.Errorf("SQL %s(%q) = %q, want %q", tc.field, tc.in, s, want)
		}
	}
	if got, ok := MapWord("status", "Signed-Off", map[string]string{"signed-off": "won"}); !ok || got != "won" {
		t.Errorf("configured word: %q %v", got, ok)
	}
	for in, want := range map[string]string{"usd": "USD", "人民币": "CNY", "美元": "USD", "US$": "", "EURO": ""} {
		got, _ := ParseCurrency(in)
		if got != want {
			t.Errorf("ParseCurrency(%q) = %q, want %q", in, got, want)
		}
	}
	if m, _ := ParseMoney("0"); m != money.Cents(0) {
		t.Error("zero")
	}
	if diff := cmp.Diff("%m/%d/%Y", must(goLayoutToStrptime("1/2/2006"))); diff != "" {
		t.Error(diff)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/salesops/salesops/config"
)

// FuzzMoneyAgree checks the Go and SQL money parsers agree on any text.
func FuzzMoneyAgree(f *testing.F) {
	for _, s := range []string{"1,234.50", "¥1.2万", "(1,234.00)", "RMB 5元", "1.234", "-0.00", "12,3", "1.2345678万"} {
		f.Add(s)
	}
	sp := newSQLParsers(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("staged text is always decoded UTF-8")
		}
		sp.t = t
		want := "NULL"
		if c, err := ParseMoney(s); err == nil {
			want = c.String()
		}
		if got := sp.eval("so_money(t)", s); got != want {
			t.Errorf("so_money(%q) = %s; ParseMoney says %s", s, got, want)
		}
	})
}

// FuzzDateAgree checks the Go and SQL date and timestamp parsers agree.
func FuzzDateAgree(f *testing.F) {
	for _, s := range []string{"2026-11-03", "2026年3月5日", "20261103", "2026/1/2 3:04", "2026-11-03T06:05:00Z", "2026-02-30", "2026-11-03 1:2", "2026-11-03 10:44:30", "2026-11-03T23:59", "1969-12-31 23:59:59"} {
		f.Add(s)
	}
	sp := newSQLParsers(f)
	sh, _ := time.LoadLocation("Asia/Shanghai")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("staged text is always decoded UTF-8")
		}
		sp.t = t
		want := "NULL"
		if d, err := ParseDate(s, ""); err == nil {
			want = render(d)
		}
		if got := sp.eval("so_date0(t)", s); got != want {
			t.Errorf("so_date0(%q) = %s; ParseDate says %s", s, got, want)
		}
		want = "NULL"
		if ts, err := ParseTimestamp(s, "", sh); err == nil {
			want = render(ts)
		}
		if got := sp.eval("so_ts0(t, 'Asia/Shanghai')", s); got != want {
			t.Errorf("so_ts0(%q) = %s; ParseTimestamp says %s", s, got, want)
		}
		// The plain path's reader must never accept what the SQL parser
		// reads otherwise (its refusals go to the SQL parser).
		if us, ok := plainTimestamp([]byte(s)); ok {
			if got := render(time.UnixMicro(us).UTC()); got != want {
				t.Errorf("plainTimestamp(%q) = %s; ParseTimestamp says %s", s, got, want)
			}
		}
	})
}

// FuzzCSV offers arbitrary bytes as a sales export: it must end in a
// report or a clear error, never a panic or a hang.
func FuzzCSV(f *testing.F) {
	f.Add([]byte("deal_id,rep_id,customer_id,status,amount,close_date\nD1,R1,C1,won,5,2026-01-02\n"))
	f.Add([]byte("deal_id;rep_id;customer_id;status;amount\n\"D1;x\";R1;C1;open;\n"))
	f.Add([]byte("\xff\xfed\x00e\x00"))
	f.Add([]byte("a,\"b\n"))
	dir := f.TempDir()
	cfg := testConfig(&testing.T{}, dir)
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		rep, _, err := Validate(ctx, p, "sales", config.Source{}, cfg, Options{})
		if err == nil && len(rep.Files) != 1 {
			t.Fatalf("no report and no error")
		}
		if ctx.Err() != nil {
			t.Fatalf("validate hung on %q", data)
		}
	})
}

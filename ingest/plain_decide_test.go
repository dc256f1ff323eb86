package ingest

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// What decides against the plain path before a record is read is logged
// with its reason at debug level, and the file goes to the general path
// without the plain path inserting a row.
func TestPlainNotTakenSaysWhy(t *testing.T) {
	fx := "currency,month,rate\nUSD,2026-10,7.1\n"
	cases := []struct {
		name, kind, body string
		src              func(*config.Source)
		second           bool // load the file again, renamed and changed, in a second batch
		want             string
	}{
		{"a kind the plain path does not know", "fx_rates", fx, nil, false, "the plain path does not know the rules of fx_rates exports"},
		{"mapped values", "sales", salesHeader + "D1,R1,C1,won,1,2026-10-03,,\n", func(s *config.Source) { s.Values = map[string]map[string]string{"status": {"ok": "won"}} }, false, "the source maps values (values:)"},
		{"a date layout", "sales", salesHeader + "D1,R1,C1,won,1,2026-10-03,,\n", func(s *config.Source) { s.DateLayout = "2006-01-02" }, false, "the source has a date_layout"},
		{"another currency", "sales", salesHeader + "D1,R1,,open,,,,\n", func(s *config.Source) { s.Currency = "USD" }, false, "the source's amounts are in USD, not the base currency"},
		{"a table with rows", "followups", followupsHeader + "F1,C1,R1,2026-10-03 10:00:00,,,,,\n", nil, true, "the followups table has rows: merging needs the general path's typed copy"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			src := config.Source{Name: c.kind, Kind: c.kind, Path: filepath.Join(dir, "in", "*")}
			if c.src != nil {
				c.src(&src)
			}
			cfg := testConfig(t, dir, src)
			run := func(name, body string) {
				writeFile(t, filepath.Join(dir, "in"), name, []byte(body))
				now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
				if _, err := Ingest(context.Background(), w, cfg, Options{Log: log, Now: func() time.Time { return now }}); err != nil {
					t.Fatal(err)
				}
			}
			run("a.csv", c.body)
			if c.second {
				logs.Reset()
				run("b.csv", c.body+strings.Replace(c.body[strings.IndexByte(c.body, '\n')+1:], "1", "2", 1))
			}
			got := logs.String()
			if !strings.Contains(got, `msg="plain path not taken"`) || !strings.Contains(got, c.want) {
				t.Errorf("the log does not say the plain path was not taken because %q:\n%s", c.want, got)
			}
			if strings.Contains(got, `msg="plain path left"`) || strings.Contains(got, `msg="plain path" `) {
				t.Errorf("the plain path was tried:\n%s", got)
			}
		})
	}
}

package ingest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
)

// so_trim's shortcut (no trim call when neither end is blank) must give
// what the Go reference trim gives, for every blank character at either end.
func TestSQLTrimMatchesGo(t *testing.T) {
	w := openWarehouse(t, filepath.Join(t.TempDir(), "w.duckdb"))
	defer w.Close()
	conn, err := w.DB.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := defineMacros(context.Background(), conn); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"", "a", "a b", " a", "a ", "\ta\r\n", "\u3000甲\u3000", "\u00a0x", "x\u00a0", " ", "\u3000",
		"\n", "a\u3000b", "\f a", "中文"} {
		var got *string
		if err := conn.QueryRowContext(context.Background(), "SELECT so_trim(?)", in).Scan(&got); err != nil {
			t.Fatal(err)
		}
		want := trimSpace(in)
		g := ""
		if got != nil {
			g = *got
		}
		if g != want || (got == nil) != (want == "") {
			t.Errorf("so_trim(%q) = %v, want %q", in, got, want)
		}
	}
}

// A first load writes unordered for speed; the database's default (file
// order) is back afterwards, so a later statement keeps row order.
func TestInsertionOrderRestored(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "s.csv", []byte("deal_id,rep_id,customer_id,status,amount,close_date\nD1,R1,C1,won,1.50,2026-03-05\nD2,R1,C1,won,2,2026-03-06\n"))
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	defer w.Close()
	cfg := testConfig(t, dir, config.Source{Name: "s", Kind: "sales", Path: "s.csv"})
	if _, err := Ingest(context.Background(), w, cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, w.DB, "SELECT current_setting('preserve_insertion_order'), (SELECT string_agg(deal_id || ':' || _line || ':' || amount, ' ' ORDER BY deal_id) FROM deals)")
	want := [][]string{{"true", "D1:2:1.50 D2:3:2.00"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("after an ingest (-want +got):\n%s", d)
	}
}

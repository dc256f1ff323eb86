package demo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

func TestDeterministicBytes(t *testing.T) {
	for _, canon := range []bool{true, false} {
		dir1, files, _ := generate(t, Options{Canonical: canon})
		dir2, files2, _ := generate(t, Options{Canonical: canon})
		if diff := cmp.Diff(files, files2); diff != "" {
			t.Fatalf("canonical=%v: file lists differ (-first +second):\n%s", canon, diff)
		}
		dir3, _, _ := generate(t, Options{Canonical: canon, Seed: 2})
		for _, f := range files {
			if f.Format != "csv" {
				continue
			}
			a := readBytes(t, dir1, f.Path)
			if b := readBytes(t, dir2, f.Path); !bytes.Equal(a, b) {
				t.Errorf("canonical=%v: %s differs between two runs with the same options", canon, f.Path)
			}
			if f.Kind == "sales" && !strings.Contains(f.Path, "corrections") {
				if c := readBytes(t, dir3, f.Path); bytes.Equal(a, c) {
					t.Errorf("canonical=%v: %s is the same for seeds 1 and 2", canon, f.Path)
				}
			}
		}
	}
}

func readBytes(t *testing.T, dir, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCountsInRange(t *testing.T) {
	for _, seed := range []uint64{1, 7, 1234567} {
		_, _, f := generate(t, Options{Seed: seed, Canonical: true})
		checks := []struct {
			name     string
			got      int
			min, max int
		}{
			{"reps", f.Reps, 40, 44},
			{"customers", f.Customers, 2700, 3400},
			{"deals", f.Deals, 6000, 11000},
			{"followups", f.Followups, 60000, 90000}, // monthly check-ins for a year after each win
			{"surveys", f.Surveys, 1500, 3500},
			{"tickets", f.Tickets, 300, 900},
			{"bad rows", len(f.BadRows), 5, 5},
			{"repeats", len(f.Repeats), 1, 1},
			{"corrected deals", len(f.CorrectedDeals), 3, 3},
		}
		for _, c := range checks {
			if c.got < c.min || c.got > c.max {
				t.Errorf("seed %d: %s = %d, want %d..%d", seed, c.name, c.got, c.min, c.max)
			}
		}
		if f.LatestCompleteMonth != "2026-06" {
			t.Errorf("seed %d: latest complete month %s, want 2026-06", seed, f.LatestCompleteMonth)
		}
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name    string
		opt     Options
		wantErr bool
		latest  string
		first   string // first fx month: the start of the history
	}{
		{"defaults", Options{AsOf: testAsOf}, false, "2026-06", "2024-07"},
		{"short history", Options{AsOf: period.Date(2026, 1, 1), Months: 3}, false, "2025-12", "2025-10"},
		{"first of month", Options{AsOf: period.Date(2025, 3, 1), Months: 12}, false, "2025-02", "2024-03"},
		{"too short", Options{AsOf: testAsOf, Months: 2}, true, "", ""},
		{"too long", Options{AsOf: testAsOf, Months: 121}, true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files, err := Generate(context.Background(), dir, tt.opt)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Generate: err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			f, err := Describe(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if f.LatestCompleteMonth != tt.latest {
				t.Errorf("latest complete month %s, want %s", f.LatestCompleteMonth, tt.latest)
			}
			fx := readTable(t, filepath.Join(dir, files[len(files)-1].Path), "utf-8")
			if got := fx.rows[0]["month"]; got != tt.first {
				t.Errorf("first fx month %s, want %s", got, tt.first)
			}
		})
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, t.TempDir(), Options{AsOf: testAsOf}); err == nil {
		t.Fatal("Generate with a cancelled context succeeded")
	}
}

func TestFormats(t *testing.T) {
	amounts := []struct {
		cents    money.Cents
		currency string
		want     string
	}{
		{123456789, "CNY", "¥1,234,567.89"},
		{100000, "CNY", "¥1,000.00"},
		{99999, "CNY", "¥999.99"},
		{5, "CNY", "¥0.05"},
		{100000, "USD", "1,000.00"},
		{-123456, "CNY", "-¥1,234.56"},
	}
	for _, m := range amounts {
		if got := yuanMoney(m.cents, m.currency); got != m.want {
			t.Errorf("yuanMoney(%d, %s) = %q, want %q", m.cents, m.currency, got, m.want)
		}
	}
	fx := []struct {
		cny  money.Cents
		rate int64
		want money.Cents
	}{
		{7180000, 71800, 1000000}, // 71,800 yuan at 7.1800 = 10,000.00
		{100, 71800, 14},          // 1 yuan = 0.1392… → 0.14
		{1, 20000, 1},             // 0.005 rounds half up
		{3, 20000, 2},             // 0.015 → 0.02
		{2, 30000, 1},             // 0.00666… → 0.01
	}
	for _, c := range fx {
		if got := toForeign(c.cny, c.rate); got != c.want {
			t.Errorf("toForeign(%d, %d) = %d, want %d", c.cny, c.rate, got, c.want)
		}
	}
	dates := []struct {
		dl   dialect
		want string
	}{
		{canonical, "2025-03-05"}, {erpDialect, "2025年3月5日"}, {chineseCRM, "2025/3/5"}, {crmDialect, "2025-03-05"},
	}
	for _, d := range dates {
		if got := d.dl.day(period.Date(2025, 3, 5)); got != d.want {
			t.Errorf("date = %q, want %q", got, d.want)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for _, canon := range []bool{true, false} {
		name := map[bool]string{true: "canonical", false: "realistic"}[canon]
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			for b.Loop() {
				if _, err := Generate(context.Background(), dir, Options{AsOf: testAsOf, Canonical: canon}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

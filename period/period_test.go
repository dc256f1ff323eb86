package period

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, str, start, end string
		months              int
	}{
		{"2026-10", "2026-10", "2026-10-01", "2026-10-31", 1},
		{"2024-02", "2024-02", "2024-02-01", "2024-02-29", 1},
		{"2026-Q3", "2026-Q3", "2026-07-01", "2026-09-30", 3},
		{"2026-Q4", "2026-Q4", "2026-10-01", "2026-12-31", 3},
		{"2025-01..2025-12", "2025-01..2025-12", "2025-01-01", "2025-12-31", 12},
	}
	for _, tt := range tests {
		p, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if p.String() != tt.str || p.Start().Format(time.DateOnly) != tt.start || p.End().Format(time.DateOnly) != tt.end || p.Months() != tt.months {
			t.Errorf("Parse(%q) = %s %s..%s (%d months)", tt.in, p, p.Start().Format(time.DateOnly), p.End().Format(time.DateOnly), p.Months())
		}
	}
	for _, bad := range []string{"", "2026", "2026-13", "2026-Q5", "2026-Q0", "2025-12..2025-01", "26-01"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

func TestLastComplete(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	// 2026-10-31 17:00 UTC is already November 1st in Shanghai.
	now := time.Date(2026, 10, 31, 17, 0, 0, 0, time.UTC)
	if got := LastComplete(Month, now, sh).String(); got != "2026-10" {
		t.Errorf("month: got %s", got)
	}
	if got := LastComplete(Month, now, time.UTC).String(); got != "2026-09" {
		t.Errorf("month in UTC: got %s", got)
	}
	if got := LastComplete(Quarter, time.Date(2026, 1, 1, 0, 0, 0, 0, sh), sh).String(); got != "2025-Q4" {
		t.Errorf("quarter: got %s", got)
	}
	if got := MustParse("2026-01").Prev().String(); got != "2025-12" {
		t.Errorf("prev: %s", got)
	}
	if got := MustParse("2026-Q1").Prev().String(); got != "2025-Q4" {
		t.Errorf("prev quarter: %s", got)
	}
}

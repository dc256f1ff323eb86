package jobs

import (
	"testing"
	"time"
)

// TestDefaultPeriodAtBoundaries: a month (quarter) is complete once its
// last day has ended in the configured time zone, not in UTC and not on
// the machine's clock. A report of "2026-11 picked on 30 November" was a
// run after 16:00 UTC, already 1 December in Asia/Shanghai: right there.
func TestDefaultPeriodAtBoundaries(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	tests := []struct {
		now                       string
		zone                      string
		month, quarter, refreshed string
	}{
		{"2026-11-30T15:59:59Z", "Asia/Shanghai", "2026-10", "2026-Q3", "2026-11"}, // 23:59:59 on the 30th there
		{"2026-11-30T16:00:00Z", "Asia/Shanghai", "2026-11", "2026-Q3", "2026-12"}, // midnight: November has ended
		{"2026-11-30T23:30:00Z", "Asia/Shanghai", "2026-11", "2026-Q3", "2026-12"},
		{"2026-11-30T23:30:00Z", "UTC", "2026-10", "2026-Q3", "2026-11"},
		{"2026-12-01T00:30:00Z", "UTC", "2026-11", "2026-Q3", "2026-12"},
		{"2026-12-01T07:59:00Z", "America/Los_Angeles", "2026-10", "2026-Q3", "2026-11"}, // 23:59 on the 30th, PST
		{"2026-12-01T08:00:00Z", "America/Los_Angeles", "2026-11", "2026-Q3", "2026-12"},
		{"2026-12-31T15:59:59Z", "Asia/Shanghai", "2026-11", "2026-Q3", "2026-12"},
		{"2026-12-31T16:00:00Z", "Asia/Shanghai", "2026-12", "2026-Q4", "2027-01"},      // the year and the quarter end
		{"2026-09-30T10:00:00Z", "Pacific/Kiritimati", "2026-09", "2026-Q3", "2026-10"}, // UTC+14: October already
		{"2026-10-01T09:59:59Z", "Pacific/Honolulu", "2026-08", "2026-Q2", "2026-09"},   // UTC-10: still 30 September
		{"2028-03-01T00:00:00+08:00", "Asia/Shanghai", "2028-02", "2027-Q4", "2028-03"}, // after the 29th of a leap February
	}
	for _, tt := range tests {
		t.Run(tt.now+" "+tt.zone, func(t *testing.T) {
			now, err := time.Parse(time.RFC3339, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			for job, want := range map[string]string{JobMonthlyBonus: tt.month, JobQuarterlyAudit: tt.quarter, JobRefresh: tt.refreshed} {
				got, err := DefaultPeriod(job, now, zone(tt.zone))
				if err != nil || got != want {
					t.Errorf("%s: got %q (%v), want %q", job, got, err, want)
				}
			}
		})
	}
}

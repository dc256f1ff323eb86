package bonus

import (
	"errors"
	"testing"
	"time"

	"github.com/salesops/salesops/faults"
)

// A month may be closed once its last day has ended in the configured zone:
// on 30 November 2026 (UTC) November had not ended in Shanghai until 16:00
// UTC, and a close then froze a partial month.
func TestCheckEndedFollowsTheConfiguredZone(t *testing.T) {
	tests := []struct {
		period, zone, now string
		want              string // the refusal, "" when the month may be closed
	}{
		{"2026-11", "Asia/Shanghai", "2026-11-30T09:00:00Z", "2026-11 ends at 2026-12-01 00:00 +08:00; close it then, or use --force --reason TEXT"},
		{"2026-11", "Asia/Shanghai", "2026-11-30T15:59:59Z", "2026-11 ends at 2026-12-01 00:00 +08:00; close it then, or use --force --reason TEXT"},
		{"2026-11", "Asia/Shanghai", "2026-11-30T16:00:00Z", ""},
		{"2026-11", "UTC", "2026-11-30T23:59:00Z", "2026-11 ends at 2026-12-01 00:00 +00:00; close it then, or use --force --reason TEXT"},
		{"2026-11", "America/Los_Angeles", "2026-12-01T07:59:00Z", "2026-11 ends at 2026-12-01 00:00 -08:00; close it then, or use --force --reason TEXT"},
		{"2026-11", "America/Los_Angeles", "2026-12-01T08:00:00Z", ""},
		{"2026-12", "Asia/Shanghai", "2026-12-31T12:00:00Z", "2026-12 ends at 2027-01-01 00:00 +08:00; close it then, or use --force --reason TEXT"},
		{"2026-10", "Asia/Shanghai", "2026-11-30T09:00:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.period+" "+tt.zone+" "+tt.now, func(t *testing.T) {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			now, err := time.Parse(time.RFC3339, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			err = CheckEnded(tt.period, now, loc)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ne *NotEndedError
			if !errors.As(err, &ne) || err.Error() != tt.want || faults.ExitCode(err) != faults.ExitUsage {
				t.Fatalf("got %v (exit %d), want %q and exit 2", err, faults.ExitCode(err), tt.want)
			}
		})
	}
	if err := CheckEnded("2026-Q4", time.Now(), time.UTC); faults.ExitCode(err) != faults.ExitUsage {
		t.Errorf("a quarter: %v", err)
	}
}

// A record keeps the instant; people read it in the configured zone. A
// close recorded in UTC (before closes kept their offset) reads at +08:00
// in Shanghai, and its sign-off gains the closed_at it lacked.
func TestMonthInShowsSignOffTimesInTheZone(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                   string
		m                      Month
		closedAt, signClosedAt string
		approvedAt             string
	}{
		{"legacy UTC close", Month{Closed: true, ClosedAt: "2026-11-30T16:45:11Z", Close: &CloseInfo{}},
			"2026-12-01T00:45:11+08:00", "2026-12-01T00:45:11+08:00", ""},
		{"approved", Month{Closed: true, ClosedAt: "2026-12-01T09:00:00+08:00",
			Close: &CloseInfo{ClosedAt: "2026-12-01T09:00:00+08:00", ApprovedAt: "2026-12-01T03:00:00Z"}},
			"2026-12-01T09:00:00+08:00", "2026-12-01T09:00:00+08:00", "2026-12-01T11:00:00+08:00"},
		{"open", Month{}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.m.ClosedAt
			got := tt.m.In(shanghai)
			if got.ClosedAt != tt.closedAt {
				t.Errorf("closed_at %q, want %q", got.ClosedAt, tt.closedAt)
			}
			if got.Close != nil && (got.Close.ClosedAt != tt.signClosedAt || got.Close.ApprovedAt != tt.approvedAt) {
				t.Errorf("sign-off %+v, want closed_at %q, approved_at %q", *got.Close, tt.signClosedAt, tt.approvedAt)
			}
			if tt.m.ClosedAt != before || (tt.m.Close != nil && tt.m.Close.ClosedAt == tt.signClosedAt && tt.signClosedAt != "" && tt.name == "legacy UTC close") {
				t.Error("In changed the month it was called on")
			}
		})
	}
}

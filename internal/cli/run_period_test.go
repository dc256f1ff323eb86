package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/buildinfo"
)

// runAt is run with the business clock set to now, as Run builds the app.
func runAt(t *testing.T, now time.Time, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, now: func() time.Time { return now }, build: buildinfo.Read()}
	code := a.run(context.Background(), args)
	return code, stdout.String(), stderr.String()
}

// TestRunWithoutPeriodSaysWhichAndWhy: `run monthly-bonus` on the evening
// of 30 November (UTC) ran 2026-11, and looked like a bug: in the
// configured Asia/Shanghai it was already 1 December, so November was
// complete. The run now says which period it took, in which time zone and
// on which day there; the period itself follows the zone's calendar.
func TestRunWithoutPeriodSaysWhichAndWhy(t *testing.T) {
	tests := []struct {
		job, zone, now string
		want           string // the note's period, zone and day
	}{
		{"monthly-bonus", "Asia/Shanghai", "2026-11-30T15:59:00Z", "period=2026-10 timezone=Asia/Shanghai today=2026-11-30"},
		{"monthly-bonus", "Asia/Shanghai", "2026-11-30T16:00:00Z", "period=2026-11 timezone=Asia/Shanghai today=2026-12-01"},
		{"monthly-bonus", "UTC", "2026-11-30T23:30:00Z", "period=2026-10 timezone=UTC today=2026-11-30"},
		{"quarterly-audit", "Asia/Shanghai", "2026-12-31T16:00:00Z", "period=2026-Q4 timezone=Asia/Shanghai today=2027-01-01"},
		{"refresh", "America/Los_Angeles", "2026-12-01T07:00:00Z", "period=2026-11 timezone=America/Los_Angeles today=2026-11-30"},
	}
	for _, tt := range tests {
		t.Run(tt.job+" "+tt.zone+" "+tt.now, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "salesops.yaml")
			text := "version: 1\ntimezone: " + tt.zone + "\nsources:\n  - {name: roster, kind: reps, path: drop/reps/*.csv}\n"
			if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			now, err := time.Parse(time.RFC3339, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runAt(t, now, "--config", cfg, "run", tt.job)
			if code != 3 || !strings.Contains(stderr, "no exports found") {
				t.Fatalf("exit %d; want 3 for the empty drop folder:\n%s", code, stderr)
			}
			if !strings.Contains(stderr, `msg="no --period: the `) || !strings.Contains(stderr, tt.want) {
				t.Errorf("no note with %q:\n%s", tt.want, stderr)
			}
			period := strings.Fields(tt.want)[0]
			if !strings.Contains(stderr, `msg="run finished" job=`+tt.job+" "+period) {
				t.Errorf("the run did not take %s:\n%s", period, stderr)
			}
		})
	}
}

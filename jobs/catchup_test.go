package jobs

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPlanCatchUp(t *testing.T) {
	now := sh("2026-11-03 10:00:00") // the machine was off on the 1st
	tests := []struct {
		name       string
		last       map[string]time.Time
		histErr    error
		now        time.Time
		withoutHis bool
		skip       bool
		want       []Request
		alsoMissed string
	}{
		{
			name: "missed the 1st",
			last: map[string]time.Time{"monthly-bonus": sh("2026-10-01 06:00:00"), "quarterly-audit": sh("2026-10-01 07:00:00")},
			now:  now,
			want: []Request{{Job: "monthly-bonus", Period: "2026-10", Trigger: TriggerCatchUp, ScheduledAt: sh("2026-11-01 06:00:00")}},
		},
		{
			name:       "off for three months: run the latest, name the others",
			last:       map[string]time.Time{"monthly-bonus": sh("2026-08-01 06:00:00"), "quarterly-audit": sh("2026-10-01 07:00:00")},
			now:        now,
			want:       []Request{{Job: "monthly-bonus", Period: "2026-10", Trigger: TriggerCatchUp, ScheduledAt: sh("2026-11-01 06:00:00")}},
			alsoMissed: "[2026-08 2026-09]",
		},
		{
			name: "up to date",
			last: map[string]time.Time{"monthly-bonus": sh("2026-11-01 06:00:00"), "quarterly-audit": sh("2026-10-01 07:00:00")},
			now:  now,
		},
		{
			name: "started exactly on the fire time",
			last: map[string]time.Time{"monthly-bonus": sh("2026-10-01 06:00:00"), "quarterly-audit": sh("2026-10-01 07:00:00")},
			now:  sh("2026-11-01 06:00:00"),
			want: []Request{{Job: "monthly-bonus", Period: "2026-10", Trigger: TriggerCatchUp, ScheduledAt: sh("2026-11-01 06:00:00")}},
		},
		{
			name: "one second before the fire time",
			last: map[string]time.Time{"monthly-bonus": sh("2026-10-01 06:00:00"), "quarterly-audit": sh("2026-10-01 07:00:00")},
			now:  sh("2026-11-01 05:59:59"),
		},
		{
			name: "catch-up off",
			last: map[string]time.Time{"monthly-bonus": sh("2026-10-01 06:00:00"), "quarterly-audit": sh("2026-10-01 07:00:00")},
			now:  now, skip: true,
		},
		{
			// History has attempts of the job but none that did its slot.
			name: "the only scheduled run was abandoned",
			last: map[string]time.Time{"monthly-bonus": {}, "quarterly-audit": sh("2026-10-01 07:00:00")},
			now:  now,
			want: []Request{{Job: "monthly-bonus", Period: "2026-10", Trigger: TriggerCatchUp, ScheduledAt: sh("2026-11-01 06:00:00")}},
		},
		{name: "new warehouse", now: now},
		{
			name: "new warehouse, catch up asked for", now: now, withoutHis: true,
			want: []Request{
				{Job: "monthly-bonus", Period: "2026-10", Trigger: TriggerCatchUp, ScheduledAt: sh("2026-11-01 06:00:00")},
				{Job: "quarterly-audit", Period: "2026-Q3", Trigger: TriggerCatchUp, ScheduledAt: sh("2026-10-01 07:00:00")},
			},
		},
		{name: "history unreadable", histErr: errors.New("warehouse in use"), now: now, withoutHis: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hist := newFakeHistory()
			for k, v := range tt.last {
				hist.last[k] = v
			}
			hist.err = tt.histErr
			logs := newLogSink()
			s, err := NewScheduler(SchedulerConfig{
				Jobs: calendarJobs, Location: shanghai, History: hist, PeriodFor: periodFor,
				Run: func(context.Context, Request) error { return nil }, Logger: slog.New(sinkHandler{sink: logs}),
				CatchUpWithoutHistory: tt.withoutHis, SkipCatchUp: tt.skip,
			})
			if err != nil {
				t.Fatal(err)
			}
			got := s.planCatchUp(context.Background(), tt.now)
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("catch-up (-want +got):\n%s", d)
			}
			var also string
			for _, r := range logs.records {
				if r.Msg == "missed run: catching up once" {
					also = r.Attrs["also_missed_periods"]
				}
			}
			if also != tt.alsoMissed {
				t.Errorf("also missed %q, want %q", also, tt.alsoMissed)
			}
		})
	}
}

// A missed run is caught up once at start and recorded as a catch-up; the
// next start, with that run in the history, catches up nothing.
func TestCatchUpRunsOnceAcrossRestarts(t *testing.T) {
	hist := newFakeHistory()
	hist.last["monthly-bonus"] = sh("2026-10-01 06:00:00")
	hist.last["quarterly-audit"] = sh("2026-10-01 07:00:00")
	cfg := SchedulerConfig{Jobs: calendarJobs}

	first := start(t, sh("2026-11-03 10:00:00"), cfg, hist, nil)
	got := []call{first.nextCall()}
	first.logs.wait(t, "job finished", 1)
	got = append(got, first.stop()...)
	want := []call{{
		Req:     Request{Job: "monthly-bonus", Period: "2026-10", Trigger: TriggerCatchUp, ScheduledAt: sh("2026-11-01 06:00:00")},
		Started: sh("2026-11-03 10:00:00"),
	}}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("first start ran (-want +got):\n%s", d)
	}

	second := start(t, sh("2026-11-03 10:05:00"), cfg, hist, nil)
	second.armed(2) // timers armed: every catch-up would have been queued by now
	if n, _ := second.logs.count("job queued"); n != 0 {
		t.Errorf("second start queued %d run(s), want none", n)
	}
	if rest := second.stop(); len(rest) != 0 {
		t.Errorf("second start ran %v", rest)
	}
}

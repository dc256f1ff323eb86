package jobs

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/faults"
)

var calendarJobs = []JobSpec{
	{Name: "monthly-bonus", Cron: "0 6 1 * *"},
	{Name: "quarterly-audit", Cron: "0 7 1 1,4,7,10 *"},
}

func TestNewSchedulerRejects(t *testing.T) {
	okRun := func(context.Context, Request) error { return nil }
	base := func() SchedulerConfig {
		return SchedulerConfig{Jobs: calendarJobs, Location: shanghai, Run: okRun, History: newFakeHistory(), PeriodFor: periodFor}
	}
	tests := []struct {
		name   string
		change func(*SchedulerConfig)
		want   string
	}{
		{"four fields", func(c *SchedulerConfig) { c.Jobs = []JobSpec{{"monthly-bonus", "0 6 1 *"}} }, `schedule of job "monthly-bonus": cron "0 6 1 *"`},
		{"bad field", func(c *SchedulerConfig) { c.Jobs = []JobSpec{{"refresh", "0 25 * * *"}} }, `schedule of job "refresh": cron "0 25 * * *"`},
		{"every", func(c *SchedulerConfig) { c.Jobs = []JobSpec{{"refresh", "@every 1h"}} }, "@every is not a calendar schedule"},
		{"tz prefix", func(c *SchedulerConfig) { c.Jobs = []JobSpec{{"refresh", "CRON_TZ=UTC 0 * * * *"}} }, "set the time zone in the configuration"},
		{"never fires", func(c *SchedulerConfig) { c.Jobs = []JobSpec{{"refresh", "0 0 30 2 *"}} }, "never fires"},
		{"duplicate", func(c *SchedulerConfig) { c.Jobs = append(c.Jobs, JobSpec{"monthly-bonus", "0 8 1 * *"}) }, `job "monthly-bonus" is scheduled twice`},
		{"no jobs", func(c *SchedulerConfig) { c.Jobs = nil }, "no job schedules configured"},
		{"no zone", func(c *SchedulerConfig) { c.Location = nil }, "no time zone"},
		{"retries without backoff", func(c *SchedulerConfig) { c.Retries = 2 }, "2 retries need a backoff"},
		{"no run", func(c *SchedulerConfig) { c.Run = nil }, "Run, History and PeriodFor are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := base()
			tt.change(&cfg)
			_, err := NewScheduler(cfg)
			if !errors.Is(err, faults.ErrUsage) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewScheduler error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := NewScheduler(base()); err != nil {
		t.Fatalf("valid configuration refused: %v", err)
	}
}

func TestCronPrevAndNext(t *testing.T) {
	tests := []struct {
		cron     string
		at       time.Time
		prev     time.Time
		nextAtAt time.Time
	}{
		{"0 6 1 * *", sh("2026-11-03 10:00:00"), sh("2026-11-01 06:00:00"), sh("2026-12-01 06:00:00")},
		{"0 6 1 * *", sh("2026-11-01 06:00:00"), sh("2026-11-01 06:00:00"), sh("2026-12-01 06:00:00")},
		{"0 6 1 * *", sh("2026-11-01 05:59:59"), sh("2026-10-01 06:00:00"), sh("2026-11-01 06:00:00")},
		{"0 7 1 1,4,7,10 *", sh("2027-03-15 00:00:00"), sh("2027-01-01 07:00:00"), sh("2027-04-01 07:00:00")},
		{"0 0 29 2 *", sh("2027-06-01 00:00:00"), sh("2024-02-29 00:00:00"), sh("2028-02-29 00:00:00")},
		{"*/15 * * * *", sh("2026-11-03 10:44:59"), sh("2026-11-03 10:30:00"), sh("2026-11-03 10:45:00")},
	}
	for _, tt := range tests {
		c, err := parseCron(tt.cron, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		prev, ok := c.Prev(tt.at)
		if !ok || !prev.Equal(tt.prev) {
			t.Errorf("%q Prev(%s) = %s %v, want %s", tt.cron, tt.at, prev, ok, tt.prev)
		}
		if next := c.Next(tt.at); !next.Equal(tt.nextAtAt) {
			t.Errorf("%q Next(%s) = %s, want %s", tt.cron, tt.at, next, tt.nextAtAt)
		}
	}
}

// The month-end and quarter-end runs fire at 06:00 and 07:00 Shanghai time,
// which is still the previous day in UTC, and compute the month or quarter
// that just ended in Shanghai.
func TestScheduleFiresAtLocalTimesAcrossMonthAndQuarterEnd(t *testing.T) {
	startAt := time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC) // 20:00 in Shanghai
	want := []call{
		{Req: Request{Job: "monthly-bonus", Period: "2026-10", Trigger: TriggerSchedule, ScheduledAt: time.Date(2026, 10, 31, 22, 0, 0, 0, time.UTC)}},
		{Req: Request{Job: "monthly-bonus", Period: "2026-11", Trigger: TriggerSchedule, ScheduledAt: time.Date(2026, 11, 30, 22, 0, 0, 0, time.UTC)}},
		{Req: Request{Job: "monthly-bonus", Period: "2026-12", Trigger: TriggerSchedule, ScheduledAt: time.Date(2026, 12, 31, 22, 0, 0, 0, time.UTC)}},
		{Req: Request{Job: "quarterly-audit", Period: "2026-Q4", Trigger: TriggerSchedule, ScheduledAt: time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC)}},
	}
	for i := range want {
		want[i].Started = want[i].Req.ScheduledAt
	}
	h := start(t, startAt, SchedulerConfig{Jobs: calendarJobs}, newFakeHistory(), nil)

	next := h.sched.NextRuns(3)
	wantNext := map[string][]time.Time{
		"monthly-bonus":   {sh("2026-11-01 06:00:00"), sh("2026-12-01 06:00:00"), sh("2027-01-01 06:00:00")},
		"quarterly-audit": {sh("2027-01-01 07:00:00"), sh("2027-04-01 07:00:00"), sh("2027-07-01 07:00:00")},
	}
	if d := cmp.Diff(wantNext, next); d != "" {
		t.Errorf("NextRuns (-want +got):\n%s", d)
	}
	if got := next["monthly-bonus"][0].Format(time.RFC3339); got != "2026-11-01T06:00:00+08:00" {
		t.Errorf("first monthly fire rendered as %s, want local time", got)
	}

	var got []call
	for _, w := range want {
		h.armed(2)
		// One second early nothing may fire: the call we then wait for must
		// have started exactly on the fire time.
		h.advanceTo(w.Req.ScheduledAt.Add(-time.Second))
		h.armed(2)
		h.advanceTo(w.Req.ScheduledAt)
		got = append(got, h.nextCall())
	}
	got = append(got, h.stop()...)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("runs (-want +got):\n%s", d)
	}
}

// A second trigger of a job for the same period while it runs is skipped;
// a different job triggered meanwhile waits its turn and runs after.
func TestOverlappingTriggersRunOneJob(t *testing.T) {
	release := make(chan struct{})
	run := func(ctx context.Context, req Request) error {
		if req.Job == "refresh" {
			select {
			case <-release:
			case <-ctx.Done():
			}
		}
		return nil
	}
	jobs := []JobSpec{{Name: "refresh", Cron: "0 * * * *"}, {Name: "monthly-bonus", Cron: "0 12 3 11 *"}}
	h := start(t, sh("2026-11-03 10:30:00"), SchedulerConfig{Jobs: jobs}, newFakeHistory(), run)

	h.armed(2)
	h.advanceTo(sh("2026-11-03 11:00:00"))
	first := h.nextCall()
	h.armed(2)
	h.advanceTo(sh("2026-11-03 12:00:00")) // refresh again, and monthly-bonus
	skipped := h.logs.wait(t, "trigger skipped", 1)
	h.logs.wait(t, "job queued", 2)
	close(release)
	second := h.nextCall()

	got := append([]call{first, second}, h.stop()...)
	want := []call{
		{Req: Request{Job: "refresh", Period: "2026-10", Trigger: TriggerSchedule, ScheduledAt: sh("2026-11-03 11:00:00")}, Started: sh("2026-11-03 11:00:00")},
		{Req: Request{Job: "monthly-bonus", Period: "2026-10", Trigger: TriggerSchedule, ScheduledAt: sh("2026-11-03 12:00:00")}, Started: sh("2026-11-03 12:00:00")},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("runs (-want +got):\n%s", d)
	}
	if skipped.Attrs["job"] != "refresh" || skipped.Attrs["pending_trigger"] != TriggerSchedule {
		t.Errorf("skip logged as %v", skipped.Attrs)
	}
}

// A panicking job is recorded as failed, is not retried, and the next
// trigger still runs.
func TestPanickingJobIsRecordedAndSchedulerGoesOn(t *testing.T) {
	n := 0
	run := func(ctx context.Context, req Request) error {
		if n++; n == 1 {
			var m map[string]int
			m["boom"]++ // a nil-map write: a real runtime panic
		}
		return nil
	}
	hist := newFakeHistory()
	h := start(t, sh("2026-11-03 10:30:00"), SchedulerConfig{Jobs: []JobSpec{{Name: "refresh", Cron: "0 * * * *"}}, Retries: 2, Backoff: time.Minute}, hist, run)

	h.armed(1)
	h.advanceTo(sh("2026-11-03 11:00:00"))
	first := h.nextCall()
	var f failure
	select {
	case f = <-hist.failed:
	case <-time.After(failsafe):
		t.Fatal("panic was not recorded")
	}
	stack := h.logs.wait(t, "job panicked", 1).Attrs["stack"]
	h.idle()
	h.armed(1)
	h.advanceTo(sh("2026-11-03 12:00:00"))
	second := h.nextCall()
	rest := h.stop()

	wantFailure := failure{
		Req:     Request{Job: "refresh", Period: "2026-10", Trigger: TriggerSchedule, ScheduledAt: sh("2026-11-03 11:00:00")},
		Started: sh("2026-11-03 11:00:00"), Ended: sh("2026-11-03 11:00:00"),
		Err: "job refresh 2026-10 panicked: assignment to entry in nil map",
	}
	if d := cmp.Diff(wantFailure, f); d != "" {
		t.Errorf("recorded failure (-want +got):\n%s", d)
	}
	if !strings.Contains(stack, "TestPanickingJobIsRecordedAndSchedulerGoesOn") {
		t.Errorf("stack in the log does not show the panicking function:\n%s", stack)
	}
	if !first.Started.Equal(sh("2026-11-03 11:00:00")) || !second.Started.Equal(sh("2026-11-03 12:00:00")) || len(rest) != 0 {
		t.Errorf("runs at %s and %s, then %d more (%+v); want 11:00 and 12:00 only (a panic is not retried)", first.Started, second.Started, len(rest), rest)
	}
}

func TestRetryWithDoublingBackoff(t *testing.T) {
	tests := []struct {
		name       string
		retries    int
		failures   int // calls that fail before one succeeds
		wantStarts []string
		wantGaveUp string
	}{
		{"budget exhausted", 2, 99, []string{"11:00:00", "11:01:00", "11:03:00"}, "gave up after 3 attempt(s): export share unreachable"},
		{"second attempt succeeds", 2, 1, []string{"11:00:00", "11:01:00"}, ""},
		{"no retries", 0, 99, []string{"11:00:00"}, "gave up after 1 attempt(s): export share unreachable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			run := func(ctx context.Context, req Request) error {
				if n++; n <= tt.failures {
					return errors.New("export share unreachable")
				}
				return nil
			}
			hist := newFakeHistory()
			h := start(t, sh("2026-11-03 10:30:00"), SchedulerConfig{Jobs: []JobSpec{{Name: "refresh", Cron: "0 * * * *"}}, Retries: tt.retries, Backoff: time.Minute}, hist, run)
			h.armed(1)
			h.advanceTo(sh("2026-11-03 11:00:00"))
			var starts []string
			for i := range tt.wantStarts {
				if i > 0 {
					retry := h.logs.wait(t, "job failed; will retry", i)
					d, _ := time.ParseDuration(retry.Attrs["retry_in"])
					h.advanceTo(h.clock.Now().Add(d))
				}
				starts = append(starts, h.nextCall().Started.In(shanghai).Format(time.TimeOnly))
			}
			if tt.wantGaveUp != "" {
				h.logs.wait(t, "job failed; giving up", 1)
			} else {
				h.logs.wait(t, "job finished", 1)
			}
			for _, c := range h.stop() {
				starts = append(starts, c.Started.In(shanghai).Format(time.TimeOnly))
			}
			if d := cmp.Diff(tt.wantStarts, starts); d != "" {
				t.Errorf("attempt start times (-want +got):\n%s", d)
			}
			var gaveUp string
			if len(hist.failures) > 0 {
				gaveUp = hist.failures[0].Err
			}
			if gaveUp != tt.wantGaveUp || len(hist.failures) > 1 {
				t.Errorf("recorded failures %v, want one with %q", hist.failures, tt.wantGaveUp)
			}
		})
	}
}

func TestQueueRunsACronSlotOnce(t *testing.T) {
	q := newQueue(slog.New(slog.DiscardHandler))
	at := sh("2026-11-03 12:00:00")
	req := Request{Job: "refresh", Period: "2026-11", Trigger: TriggerSchedule, ScheduledAt: at}
	if !q.submit(req) {
		t.Fatal("first trigger of the slot refused")
	}
	q.finish(req) // the run is over: only the slot rule can refuse now
	tests := []struct {
		name string
		req  Request
		want bool
	}{
		{"the same slot delivered again", req, false},
		{"an earlier slot", Request{Job: "refresh", Period: "2026-11", Trigger: TriggerSchedule, ScheduledAt: at.Add(-time.Hour)}, false},
		{"another job's same slot", Request{Job: "monthly-bonus", Period: "2026-10", Trigger: TriggerSchedule, ScheduledAt: at}, true},
		{"the next slot", Request{Job: "refresh", Period: "2026-11", Trigger: TriggerSchedule, ScheduledAt: at.Add(time.Hour)}, true},
		{"a manual run has no slot", Request{Job: "refresh", Period: "2026-10", Trigger: TriggerManual}, true},
	}
	for _, tt := range tests {
		if got := q.submit(tt.req); got != tt.want {
			t.Errorf("%s: queued %v, want %v", tt.name, got, tt.want)
		}
		q.finish(tt.req)
	}
}

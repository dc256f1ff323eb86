package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/salesops/salesops/period"
)

// failsafe bounds how long a test waits for something the scheduler must
// do; it is never slept, only used to fail instead of hanging.
const failsafe = 10 * time.Second

var shanghai = mustLoad("Asia/Shanghai")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// periodFor is what the CLI will pass: monthly jobs and refresh take the
// last complete month at the fire time, the audit the last complete quarter.
func periodFor(job string, at time.Time) string {
	if job == "quarterly-audit" {
		return period.LastComplete(period.Quarter, at, shanghai).String()
	}
	return period.LastComplete(period.Month, at, shanghai).String()
}

// fakeHistory is the run history in memory.
type fakeHistory struct {
	mu       sync.Mutex
	last     map[string]time.Time
	err      error
	failures []failure
	failed   chan failure
}

type failure struct {
	Req            Request
	Started, Ended time.Time
	Err            string
}

func newFakeHistory() *fakeHistory {
	return &fakeHistory{last: map[string]time.Time{}, failed: make(chan failure, 100)}
}

func (h *fakeHistory) LastScheduled(_ context.Context, job string) (time.Time, bool, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t, ok := h.last[job]
	return t, ok, h.err
}

func (h *fakeHistory) RecordFailure(_ context.Context, req Request, started, ended time.Time, err error) error {
	f := failure{Req: req, Started: started, Ended: ended, Err: err.Error()}
	h.mu.Lock()
	h.failures = append(h.failures, f)
	h.mu.Unlock()
	h.failed <- f
	return nil
}

// record is what a real RunFunc does for a scheduled or catch-up run.
func (h *fakeHistory) record(req Request) {
	if req.Trigger == TriggerManual {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if req.ScheduledAt.After(h.last[req.Job]) {
		h.last[req.Job] = req.ScheduledAt
	}
}

// logSink collects log records so tests can wait for the scheduler to
// reach a point (a timer armed, a trigger skipped) without sleeping.
type logSink struct {
	mu      sync.Mutex
	records []logRecord
	changed chan struct{}
}

type logRecord struct {
	Msg   string
	Attrs map[string]string
}

func newLogSink() *logSink { return &logSink{changed: make(chan struct{})} }

type sinkHandler struct {
	sink  *logSink
	attrs []slog.Attr
}

func (h sinkHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h sinkHandler) WithGroup(string) slog.Handler            { return h }
func (h sinkHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return sinkHandler{sink: h.sink, attrs: append(append([]slog.Attr{}, h.attrs...), as...)}
}
func (h sinkHandler) Handle(_ context.Context, r slog.Record) error {
	rec := logRecord{Msg: r.Message, Attrs: map[string]string{}}
	for _, a := range h.attrs {
		rec.Attrs[a.Key] = a.Value.String()
	}
	r.Attrs(func(a slog.Attr) bool { rec.Attrs[a.Key] = a.Value.String(); return true })
	h.sink.mu.Lock()
	h.sink.records = append(h.sink.records, rec)
	close(h.sink.changed)
	h.sink.changed = make(chan struct{})
	h.sink.mu.Unlock()
	return nil
}

// count returns how many records start with msg.
func (s *logSink) count(msg string) (int, chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.records {
		if strings.HasPrefix(r.Msg, msg) {
			n++
		}
	}
	return n, s.changed
}

// wait blocks until n records starting with msg were logged and returns the nth.
func (s *logSink) wait(t *testing.T, msg string, n int) logRecord {
	t.Helper()
	deadline := time.After(failsafe)
	for {
		got, changed := s.count(msg)
		if got >= n {
			s.mu.Lock()
			defer s.mu.Unlock()
			for _, r := range s.records {
				if strings.HasPrefix(r.Msg, msg) {
					if n--; n == 0 {
						return r
					}
				}
			}
		}
		select {
		case <-changed:
		case <-deadline:
			s.mu.Lock()
			for _, r := range s.records {
				t.Logf("%s %v", r.Msg, r.Attrs)
			}
			s.mu.Unlock()
			t.Fatalf("timed out waiting for log %q #%d (have %d)", msg, n, got)
		}
	}
}

// call is one invocation of the fake RunFunc.
type call struct {
	Req     Request
	Started time.Time
}

// harness runs a Scheduler on a fake clock in the background.
type harness struct {
	t       *testing.T
	clock   *clockwork.FakeClock
	hist    *fakeHistory
	logs    *logSink
	calls   chan call
	sched   *Scheduler
	cancel  context.CancelFunc
	stopped chan error
}

// start builds a Scheduler from cfg (filling the fakes in) and runs it; run
// is the job body, called after the call is reported.
func start(t *testing.T, at time.Time, cfg SchedulerConfig, hist *fakeHistory, run func(ctx context.Context, req Request) error) *harness {
	t.Helper()
	h := &harness{t: t, clock: clockwork.NewFakeClockAt(at), hist: hist, logs: newLogSink(), calls: make(chan call, 100), stopped: make(chan error, 1)}
	cfg.Clock, cfg.History, cfg.Logger = h.clock, hist, slog.New(sinkHandler{sink: h.logs})
	if cfg.Location == nil {
		cfg.Location = shanghai
	}
	if cfg.PeriodFor == nil {
		cfg.PeriodFor = periodFor
	}
	cfg.Run = func(ctx context.Context, req Request) error {
		h.calls <- call{Req: req, Started: h.clock.Now()}
		err := error(nil)
		if run != nil {
			err = run(ctx, req)
		}
		hist.record(req)
		return err
	}
	s, err := NewScheduler(cfg)
	if err != nil {
		t.Fatalf("NewScheduler: %v", err)
	}
	h.sched = s
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.stopped <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-h.stopped:
		case <-time.After(failsafe):
			t.Errorf("scheduler did not stop")
		}
	})
	return h
}

// armed waits until n timers wait on the fake clock (one per job while
// idle, plus one during a retry backoff).
func (h *harness) armed(n int) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), failsafe)
	defer cancel()
	if err := h.clock.BlockUntilContext(ctx, n); err != nil {
		h.t.Fatalf("waiting for %d timers: %v", n, err)
	}
}

// advanceTo moves the fake clock to instant at.
func (h *harness) advanceTo(at time.Time) { h.clock.Advance(at.Sub(h.clock.Now())) }

func (h *harness) nextCall() call {
	h.t.Helper()
	select {
	case c := <-h.calls:
		return c
	case <-time.After(failsafe):
		h.t.Fatalf("timed out waiting for a job to run")
		return call{}
	}
}

// stop cancels Run and waits for it, then returns every call not yet read.
func (h *harness) stop() []call {
	h.t.Helper()
	h.cancel()
	select {
	case err := <-h.stopped:
		if err != nil {
			h.t.Errorf("Run returned %v", err)
		}
		h.stopped <- nil
	case <-time.After(failsafe):
		h.t.Fatalf("scheduler did not stop")
	}
	var rest []call
	for {
		select {
		case c := <-h.calls:
			rest = append(rest, c)
		default:
			return rest
		}
	}
}

func sh(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, shanghai)
	if err != nil {
		panic(fmt.Sprintf("bad test time %q: %v", s, err))
	}
	return t
}

// idle waits until the worker has finished every request it took, so that
// a following trigger of the same job and period is not skipped as a
// duplicate of a run that is still winding down (a panicking run records
// its failure before the worker lets go of it).
func (h *harness) idle() {
	h.t.Helper()
	deadline := time.Now().Add(failsafe)
	for {
		if h.sched.q.idle() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("the worker still holds requests")
		}
		time.Sleep(time.Millisecond)
	}
}

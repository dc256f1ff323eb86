package cli

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/salesops/salesops/demo"
	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/period"
)

// crashChildEnv carries the arguments (newline-separated) of a child
// process of TestCrashConsistency: the test binary re-executed as salesops.
const crashChildEnv = "SALESOPS_CRASH_CHILD"

// crashTrials is how many kills a run tries (SALESOPS_CRASH_TRIALS for more).
// crashMonths is the demo's history: four months, the smallest that holds
// the audited quarter whole, keep a monthly-bonus run at a few seconds
// while ingest and transform each still take a second or more.
const (
	crashTrials = 20
	crashMonths = 4
)

// crashJobs are the jobs of the trials, in the order a month end runs them.
var crashJobs = []struct{ job, period string }{
	{jobs.JobMonthlyBonus, "2026-10"},
	{jobs.JobQuarterlyAudit, "2026-Q3"},
}

// TestCrashConsistency kills salesops with SIGKILL at random moments of
// ingest, transform and report writing, reruns the job, and wants the
// warehouse and the report files of an uninterrupted run, with no run left
// `running`. SALESOPS_CRASH_SEED replays a seed's choice of moments (the
// moments themselves still depend on how fast the machine runs).
func TestCrashConsistency(t *testing.T) {
	if args := os.Getenv(crashChildEnv); args != "" {
		os.Exit(Run(context.Background(), strings.Split(args, "\n"), strings.NewReader(""), os.Stdout, os.Stderr))
	}
	if testing.Short() {
		t.Skip("kills and reruns salesops twenty times")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("SALESOPS_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("SALESOPS_CRASH_SEED=%q: %v", s, err)
		}
	}
	trials := crashTrials
	if s := os.Getenv("SALESOPS_CRASH_TRIALS"); s != "" {
		var err error
		if trials, err = strconv.Atoi(s); err != nil || trials < 1 {
			t.Fatalf("SALESOPS_CRASH_TRIALS=%q: want a number of trials", s)
		}
	}
	t.Logf("seed %d (replay with SALESOPS_CRASH_SEED=%d), %d trials", seed, seed, trials)
	co := newCrashCompany(t)

	// The reference: each job uninterrupted on a fresh warehouse, with the
	// state after it and how long each of its phases took.
	co.clear(t)
	var ref [2]crashState
	var phases [2]map[string]time.Duration
	for i := range crashJobs {
		ch := co.start(t, i)
		if err := ch.wait(); err != nil {
			t.Fatalf("seed %d: reference %s: %v\n%s", seed, crashJobs[i].job, err, ch.tail())
		}
		phases[i] = ch.durations(t)
		ref[i] = co.state(t)
		if len(ref[i].running) > 0 {
			t.Fatalf("seed %d: reference %s left runs running: %v", seed, crashJobs[i].job, ref[i].running)
		}
		if i == 0 {
			co.saveAfterFirst(t)
		}
	}
	t.Logf("reference phases: %s %v; %s %v", crashJobs[0].job, phases[0], crashJobs[1].job, phases[1])

	before := [2]crashState{{}, ref[0]}
	rng := rand.New(rand.NewPCG(seed, seed^0x5a1e5095))
	hits, twice := map[string]int{}, 0
	for n, tt := range crashPlan(rng, phases, trials) {
		// A kill that comes after the job ended (the phase ran faster than
		// the reference's) is retried sooner, so that the kills land.
		for attempt := 0; ; attempt++ {
			where, torn, err := co.trial(t, tt, before[tt.job], ref[tt.job])
			if torn != "" {
				t.Errorf("seed %d: trial %d (%v): right %s", seed, n, tt, torn)
			}
			if err != nil {
				t.Fatalf("seed %d: trial %d (%v): %v", seed, n, tt, err)
			}
			hits[where]++
			if len(tt.kills) > 1 {
				twice++
			}
			got := co.state(t)
			if diff := ref[tt.job].diff(got); diff != "" {
				t.Errorf("seed %d: trial %d (%v, killed in %s): after the rerun %s", seed, n, tt, where, diff)
			}
			if len(got.running) > 0 {
				t.Errorf("seed %d: trial %d (%v, killed in %s): runs left running after the rerun: %v", seed, n, tt, where, got.running)
			}
			if where != "finished" || attempt == 2 {
				break
			}
			tt.kills = slices.Clone(tt.kills)
			tt.kills[0].delay /= 4
		}
	}
	killed := 0
	for where, k := range hits {
		if where != "finished" {
			killed += k
		}
	}
	t.Logf("seed %d: %d first kills landed, by phase: %v; %d reruns killed too", seed, killed, hits, twice)
	if killed < trials*5/6 {
		t.Errorf("seed %d: only %d of %d kills landed before the job finished: %v", seed, killed, trials, hits)
	}
}

// crashCompany is the demo company in one folder that every trial reuses:
// the same path each time, because the audit cites rejected rows by their
// export's full path, so outputs are then equal byte for byte and nothing
// needs normalising (no report carries a timestamp or run id; the workbooks'
// zip entries and document properties have fixed dates).
type crashCompany struct {
	dir, cfg, saved string
}

func newCrashCompany(t *testing.T) *crashCompany {
	t.Helper()
	base := t.TempDir()
	co := &crashCompany{dir: filepath.Join(base, "company"), saved: filepath.Join(base, "after-first")}
	asOf := period.Date(2026, 11, 28)
	files, err := demo.Generate(context.Background(), filepath.Join(co.dir, "exports"), demo.Options{AsOf: asOf, Months: crashMonths})
	if err != nil {
		t.Fatal(err)
	}
	if co.cfg, err = writeDemoConfig(co.dir, files, period.MonthOf(asOf).Prev()); err != nil {
		t.Fatal(err)
	}
	return co
}

// warehouseFiles are what a run leaves besides the exports and config.
var warehouseFiles = []string{"salesops.duckdb", "salesops.duckdb.wal", "salesops.duckdb.lock", "reports"}

// clear removes the warehouse and the reports: a fresh start.
func (co *crashCompany) clear(t *testing.T) {
	t.Helper()
	for _, f := range warehouseFiles {
		if err := os.RemoveAll(filepath.Join(co.dir, f)); err != nil {
			t.Fatal(err)
		}
	}
}

// saveAfterFirst keeps the warehouse and reports as the first job left
// them, the starting point of every trial of the second job.
func (co *crashCompany) saveAfterFirst(t *testing.T) {
	t.Helper()
	if err := os.CopyFS(co.saved, os.DirFS(co.dir)); err != nil {
		t.Fatal(err)
	}
}

// restore returns the folder to the state before job i.
func (co *crashCompany) restore(t *testing.T, i int) {
	t.Helper()
	co.clear(t)
	if i == 0 {
		return
	}
	for _, f := range warehouseFiles {
		src := filepath.Join(co.saved, f)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if st, _ := os.Stat(src); st.IsDir() {
			if err := os.CopyFS(filepath.Join(co.dir, f), os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(src)
		if err == nil {
			err = os.WriteFile(filepath.Join(co.dir, f), b, 0o640)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// start runs job i as a child process that logs every step as JSON.
func (co *crashCompany) start(t *testing.T, i int) *crashChild {
	t.Helper()
	args := []string{"--config", co.cfg, "--verbose", "--log-format", "json", "run", crashJobs[i].job, "--period", crashJobs[i].period}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashConsistency$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+strings.Join(args, "\n"))
	ch, err := startCrashChild(cmd)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// trial runs job tt.job once per kill of tt.kills, each killed at its
// moment, then once to the end, and says in which phase the first kill
// landed ("finished" if the job ended first). After each kill it checks
// what a reader would see (torn, against the states before and after).
func (co *crashCompany) trial(t *testing.T, tt crashTarget, before, after crashState) (where, torn string, err error) {
	t.Helper()
	co.restore(t, tt.job)
	var torns []string
	for i, k := range tt.kills {
		ch := co.start(t, tt.job)
		w := ch.killIn(k.phase, k.delay)
		switch err := ch.wait(); {
		case killedBySignal(err):
		case err == nil: // it exited before the signal: the next run is a plain second run
			w = "finished"
		default:
			return where, "", fmt.Errorf("the job failed before kill %d: %w\n%s", i+1, err, ch.tail())
		}
		if i == 0 {
			where = w
		}
		if mid, err := co.stateOrErr(t); err != nil {
			torns = append(torns, fmt.Sprintf("after kill %d (in %s) the warehouse does not open read-only: %v", i+1, w, err))
		} else if s := mid.torn(before, after); s != "" {
			torns = append(torns, fmt.Sprintf("after kill %d (in %s): %s", i+1, w, s))
		}
	}
	again := co.start(t, tt.job)
	if err := again.wait(); err != nil {
		return where, strings.Join(torns, "\n"), fmt.Errorf("rerun after the kill in %s: %w\n%s", where, err, again.tail())
	}
	return where, strings.Join(torns, "\n"), nil
}

func killedBySignal(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

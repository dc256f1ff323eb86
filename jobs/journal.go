package jobs

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sort"
	"time"

	"github.com/salesops/salesops/internal/proc"
	"github.com/salesops/salesops/warehouse"
)

// The journal is a copy of the run history in <warehouse>.runs.jsonl, one
// JSON object a line. A running job holds DuckDB's write lock, so the
// history in the warehouse cannot be read until it ends; the journal can,
// and it is where a process refused by the lock leaves its attempt. Each
// line is one write(2) on an O_APPEND file, so lines of two processes never
// interleave; a line cut short by a kill is skipped when read.

// journalEntry is one line: a snapshot of a run (a later line of the same
// run replaces it) or a refused attempt (Run 0, with its own Key).
type journalEntry struct {
	Run         int64      `json:"run,omitempty"`
	Key         string     `json:"key,omitempty"`
	Job         string     `json:"job"`
	Period      string     `json:"period,omitempty"`
	Trigger     string     `json:"trigger,omitempty"`
	ScheduledAt *time.Time `json:"scheduled_at,omitempty"`
	StartedAt   time.Time  `json:"started_at"`
	FinishedAt  *time.Time `json:"finished_at,omitempty"`
	Status      string     `json:"status"`
	Error       string     `json:"error,omitempty"`
	Rows        int64      `json:"rows,omitempty"`
	Outputs     []string   `json:"outputs,omitempty"`
	PID         int        `json:"pid,omitempty"`
	Host        string     `json:"host,omitempty"`
	Version     string     `json:"version,omitempty"` // the salesops build that ran it
	Holder      *Holder    `json:"holder,omitempty"`  // who held the lock, for a refused attempt
}

// maxJournalError bounds the error text kept per line; the warehouse keeps
// it whole.
const maxJournalError = 2000

// JournalPath is the journal of the warehouse at warehousePath.
func JournalPath(warehousePath string) string { return warehousePath + ".runs.jsonl" }

// entryOf is r as a journal line. Times are cut to the microsecond, as the
// warehouse stores them, so that every line of one run has the same start.
func entryOf(r warehouse.Run) journalEntry {
	e := journalEntry{Run: r.ID, Job: r.Job, Period: r.Period, Trigger: r.Trigger, StartedAt: r.StartedAt.UTC().Truncate(time.Microsecond),
		Status: r.Status, Error: r.Error, Rows: r.Rows, Outputs: r.Outputs, PID: r.PID, Host: r.Host, Version: r.Version}
	if len(e.Error) > maxJournalError {
		e.Error = e.Error[:maxJournalError] + "…"
	}
	if !r.ScheduledAt.IsZero() {
		t := r.ScheduledAt.UTC()
		e.ScheduledAt = &t
	}
	if !r.FinishedAt.IsZero() {
		t := r.FinishedAt.UTC()
		e.FinishedAt = &t
	}
	return e
}

func (e journalEntry) run() warehouse.Run {
	r := warehouse.Run{ID: e.Run, Job: e.Job, Period: e.Period, Trigger: e.Trigger, StartedAt: e.StartedAt,
		Status: e.Status, Error: e.Error, Rows: e.Rows, Outputs: e.Outputs, PID: e.PID, Host: e.Host, Version: e.Version}
	if e.ScheduledAt != nil {
		r.ScheduledAt = *e.ScheduledAt
	}
	if e.FinishedAt != nil {
		r.FinishedAt = *e.FinishedAt
	}
	if e.Key != "" {
		d, _ := json.Marshal(map[string]any{"journal_key": e.Key, "holder": e.Holder})
		r.Detail = string(d)
	}
	return r
}

// appendJournal writes e as one line of the journal of warehousePath.
func appendJournal(warehousePath string, e journalEntry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encoding a journal line: %w", err)
	}
	path := JournalPath(warehousePath)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
	if err != nil {
		return fmt.Errorf("opening the run journal: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("appending to the run journal %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("appending to the run journal %s: %w", path, err)
	}
	return nil
}

// journalRun copies r to the journal. The warehouse is the record; a
// journal that cannot be written costs only the view during a run, so
// the run goes on with a warning.
func journalRun(log *slog.Logger, warehousePath string, r warehouse.Run) {
	if err := appendJournal(warehousePath, entryOf(r)); err != nil {
		log.Warn("the run journal was not written; `salesops runs` will not show this run while the warehouse is busy", "err", err)
	}
}

// readJournal reads every complete line of the journal; a missing journal
// is an empty one.
func readJournal(warehousePath string) ([]journalEntry, error) {
	f, err := os.Open(JournalPath(warehousePath))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the run journal: %w", err)
	}
	defer f.Close()
	var out []journalEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		var e journalEntry
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Job != "" {
			out = append(out, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the run journal %s: %w", JournalPath(warehousePath), err)
	}
	return out, nil
}

// JournalRuns is the run history as the journal of warehousePath has it,
// newest first, for when the warehouse itself is busy. holder is who holds
// the lock now: a run shown running that is not the holder's, or whose
// process on this host is gone, is shown abandoned (the next process to
// take the lock will record it so).
func JournalRuns(warehousePath string, holder Holder) ([]warehouse.Run, error) {
	entries, err := readJournal(warehousePath)
	if err != nil {
		return nil, err
	}
	// A run is its id and start: a warehouse rebuilt or restored from a
	// backup numbers its runs again from where it was.
	type runKey struct {
		id    int64
		start int64 // µs
	}
	seen := map[runKey]int{}
	var runs []warehouse.Run
	for _, e := range entries {
		r := e.run()
		k := runKey{r.ID, r.StartedAt.UnixMicro()}
		if i, ok := seen[k]; ok && r.ID != 0 {
			runs[i] = r
			continue
		}
		seen[k] = len(runs)
		runs = append(runs, r)
	}
	host := proc.Hostname()
	for i, r := range runs {
		if r.Status == warehouse.StatusRunning && runGone(r, holder, host) {
			runs[i].Status = warehouse.StatusAbandoned
		}
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].StartedAt.After(runs[j].StartedAt) })
	return runs, nil
}

// runGone says whether running run r can no longer be in progress.
func runGone(r warehouse.Run, holder Holder, host string) bool {
	if r.Host == host && r.PID != 0 && !proc.Alive(r.PID) {
		return true
	}
	// One salesops process runs a job at a time, the holder.
	return holder.PID != 0 && r.PID != 0 && (holder.PID != r.PID || holder.Host != r.Host)
}

package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/ingest"
	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/warehouse"
)

type runsOptions struct {
	limit int
	json  bool
	show  int64
}

func (a *app) runsCmd() *cobra.Command {
	var o runsOptions
	cmd := &cobra.Command{
		Use:   "runs",
		Short: "Show the run history: job, period, trigger, start, end, status, rows, outputs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runRuns(cmd.Context(), o)
		},
	}
	cmd.Flags().IntVar(&o.limit, "limit", 20, "newest N runs (0: all)")
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON lines with every field, including the ingest report")
	cmd.Flags().Int64Var(&o.show, "show", 0, "print run N in full: outputs, error and its ingest report")
	return cmd
}

func (a *app) runRuns(ctx context.Context, o runsOptions) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	runs, busy, err := a.readRuns(ctx, cfg.WarehousePath(), cfg.Location)
	if err != nil {
		return err
	}
	if busy != "" {
		if o.json {
			fmt.Fprintln(a.stderr, busy)
		} else {
			fmt.Fprintln(a.stdout, busy)
		}
	}
	if o.show > 0 {
		return a.showRun(runs, o.show, cfg.Location)
	}
	if o.limit > 0 && len(runs) > o.limit {
		runs = runs[:o.limit]
	}
	if o.json {
		return writeJSONLines(a.stdout, runs)
	}
	return a.printRuns(runs, cfg.Location)
}

// readRuns reads the run history, newest first. While a job writes the
// warehouse, DuckDB refuses even a reader, so the history then comes from
// the journal and busy says so; without a warehouse yet it is empty (or the
// journal's refused attempts).
func (a *app) readRuns(ctx context.Context, path string, loc *time.Location) (runs []warehouse.Run, busy string, err error) {
	if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) {
		runs, err = jobs.JournalRuns(path, jobs.Holder{})
		return runs, "", err
	}
	w, err := warehouse.Open(ctx, path, warehouse.Options{ReadOnly: true}, a.log)
	if jobs.IsLocked(err) {
		h := jobs.ReadHolder(path)
		busy = "warehouse busy (another process): history from the journal"
		if h.Job != "" {
			what := strings.TrimSpace(h.Job + " " + h.Period)
			busy = fmt.Sprintf("warehouse busy (job %s since %s, pid %d on %s): history from the journal",
				what, h.Since.In(loc).Format(shownTime), h.PID, h.Host)
		}
		runs, err = jobs.JournalRuns(path, h)
		return runs, busy, err
	}
	if err != nil {
		return nil, "", err
	}
	defer w.Close()
	if runs, err = w.Runs(ctx, 0); err != nil {
		return nil, "", err
	}
	// The read-only open succeeded, so no process writes the warehouse: a
	// run still marked running lost its process. The next process to take
	// the lock records it as abandoned; show it so already.
	for i := range runs {
		if runs[i].Status == warehouse.StatusRunning {
			runs[i].Status = warehouse.StatusAbandoned
		}
	}
	// Attempts refused since the last process took the lock are only in
	// the journal so far.
	pending, err := jobs.PendingRefused(ctx, w)
	if err != nil {
		return nil, "", err
	}
	slices.Reverse(pending)
	return append(pending, runs...), "", nil
}

// shownTime is how runs shows a time: in the configured timezone, with
// its offset, so it reads the same on a server kept in UTC.
const shownTime = "2006-01-02 15:04:05 -07:00"

// printRuns prints the history as a table, times in loc.
func (a *app) printRuns(runs []warehouse.Run, loc *time.Location) error {
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tJOB\tPERIOD\tTRIGGER\tSTART\tEND\tSTATUS\tROWS\tFINGERPRINT\tOUTPUTS\tVERSION\tSIGN-OFF\tERROR")
	for _, r := range runs {
		end := ""
		if !r.FinishedAt.IsZero() {
			end = r.FinishedAt.In(loc).Format(shownTime)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%d\t%s\t%s\t%s\n", r.ID, r.Job, r.Period, r.Trigger,
			r.StartedAt.In(loc).Format(shownTime), end, r.Status, r.Rows, r.Fingerprint, len(r.Outputs), versionColumn(r.Version),
			firstLine(signOffOf(r).summary(r.Status)), firstLine(r.Error))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if slices.ContainsFunc(runs, func(r warehouse.Run) bool { return r.Status == warehouse.StatusAbandoned }) {
		fmt.Fprintln(a.stdout, "\nabandoned: the process ended without finishing the run (killed, crashed, power lost); "+
			"what it had committed (an ingest batch, say) stays, the rest was rolled back. The scheduler reruns an abandoned scheduled slot; "+
			"run a manual one again by hand.")
	}
	return nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// showRun prints one run in full, times in loc, its sign-off and its
// ingest report as `salesops ingest` prints it.
func (a *app) showRun(runs []warehouse.Run, id int64, loc *time.Location) error {
	i := slices.IndexFunc(runs, func(r warehouse.Run) bool { return r.ID == id })
	if i < 0 {
		return usageErr("there is no run %d (see salesops runs)", id)
	}
	r := runs[i]
	fmt.Fprintf(a.stdout, "run %d: %s %s (%s)\nstatus:      %s\nstarted:     %s\n", r.ID, r.Job, r.Period, r.Trigger, r.Status, r.StartedAt.In(loc).Format(shownTime))
	if !r.FinishedAt.IsZero() {
		fmt.Fprintf(a.stdout, "finished:    %s (%s)\n", r.FinishedAt.In(loc).Format(shownTime), r.FinishedAt.Sub(r.StartedAt).Round(time.Second))
	}
	if !r.ScheduledAt.IsZero() {
		fmt.Fprintf(a.stdout, "scheduled:   %s\n", r.ScheduledAt.In(loc).Format(shownTime))
	}
	fmt.Fprintf(a.stdout, "fingerprint: %s\nrows read:   %d\n", r.Fingerprint, r.Rows)
	if r.Version != "" {
		fmt.Fprintf(a.stdout, "version:     %s\n", r.Version)
	}
	if r.Error != "" {
		fmt.Fprintf(a.stdout, "error:\n  %s\n", strings.ReplaceAll(r.Error, "\n", "\n  "))
	}
	for _, p := range r.Outputs {
		fmt.Fprintf(a.stdout, "output:      %s\n", p)
	}
	var detail struct {
		Ingest  *ingest.Report      `json:"ingest"`
		Reason  string              `json:"reason"`
		Other   map[string]any      `json:"transform"`
		SignOff *jobs.SignOffRecord `json:"sign_off"`
	}
	if r.Detail != "" {
		if err := json.Unmarshal([]byte(r.Detail), &detail); err != nil {
			return fmt.Errorf("run %d: unreadable detail: %w", r.ID, err)
		}
	}
	if detail.SignOff != nil {
		a.printSignOff(*detail.SignOff, r.Status, loc)
	} else if detail.Reason != "" {
		fmt.Fprintf(a.stdout, "reason:      %s\n", detail.Reason)
	}
	if detail.Ingest != nil {
		fmt.Fprintln(a.stdout)
		return detail.Ingest.WriteText(a.stdout)
	}
	return nil
}

package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/ingest"
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
	w, err := a.openReadOnly(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	if o.show > 0 {
		return a.showRun(ctx, w, o.show)
	}
	runs, err := w.Runs(ctx, o.limit)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSONLines(a.stdout, runs)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tJOB\tPERIOD\tTRIGGER\tSTART\tEND\tSTATUS\tROWS\tFINGERPRINT\tOUTPUTS\tERROR")
	for _, r := range runs {
		end := ""
		if !r.FinishedAt.IsZero() {
			end = r.FinishedAt.Local().Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%d\t%s\n", r.ID, r.Job, r.Period, r.Trigger,
			r.StartedAt.Local().Format(time.DateTime), end, r.Status, r.Rows, r.Fingerprint, len(r.Outputs), firstLine(r.Error))
	}
	return tw.Flush()
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// showRun prints one run in full, its ingest report as `salesops ingest`
// prints it.
func (a *app) showRun(ctx context.Context, w *warehouse.Warehouse, id int64) error {
	runs, err := w.Runs(ctx, 0)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(runs, func(r warehouse.Run) bool { return r.ID == id })
	if i < 0 {
		return usageErr("there is no run %d (see salesops runs)", id)
	}
	r := runs[i]
	fmt.Fprintf(a.stdout, "run %d: %s %s (%s)\nstatus:      %s\nstarted:     %s\n", r.ID, r.Job, r.Period, r.Trigger, r.Status, r.StartedAt.Local().Format(time.DateTime))
	if !r.FinishedAt.IsZero() {
		fmt.Fprintf(a.stdout, "finished:    %s (%s)\n", r.FinishedAt.Local().Format(time.DateTime), r.FinishedAt.Sub(r.StartedAt).Round(time.Second))
	}
	if !r.ScheduledAt.IsZero() {
		fmt.Fprintf(a.stdout, "scheduled:   %s\n", r.ScheduledAt.Local().Format(time.DateTime))
	}
	fmt.Fprintf(a.stdout, "fingerprint: %s\nrows read:   %d\n", r.Fingerprint, r.Rows)
	if r.Error != "" {
		fmt.Fprintf(a.stdout, "error:\n  %s\n", strings.ReplaceAll(r.Error, "\n", "\n  "))
	}
	for _, p := range r.Outputs {
		fmt.Fprintf(a.stdout, "output:      %s\n", p)
	}
	var detail struct {
		Ingest *ingest.Report `json:"ingest"`
		Reason string         `json:"reason"`
		Other  map[string]any `json:"transform"`
	}
	if r.Detail != "" {
		if err := json.Unmarshal([]byte(r.Detail), &detail); err != nil {
			return fmt.Errorf("run %d: unreadable detail: %w", r.ID, err)
		}
	}
	if detail.Reason != "" {
		fmt.Fprintf(a.stdout, "reason:      %s\n", detail.Reason)
	}
	if detail.Ingest != nil {
		fmt.Fprintln(a.stdout)
		return detail.Ingest.WriteText(a.stdout)
	}
	return nil
}

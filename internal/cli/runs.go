package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/warehouse"
)

type runsOptions struct {
	limit int
	json  bool
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
	return cmd
}

func (a *app) runRuns(ctx context.Context, o runsOptions) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	w, err := warehouse.Open(ctx, cfg.WarehousePath(), warehouse.Options{ReadOnly: true}, a.log)
	if err != nil {
		return err
	}
	defer w.Close()
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

package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/warehouse"
)

type vacuumOptions struct{ wait time.Duration }

func (a *app) vacuumCmd() *cobra.Command {
	var o vacuumOptions
	cmd := &cobra.Command{
		Use:   "vacuum",
		Short: "Compact the warehouse file: drop the space replaced tables left behind",
		Long: `Rewrite the warehouse as a compact copy of itself. Each run replaces the
model tables it rebuilds; DuckDB reuses the freed blocks but never gives
them back, so the file stays at its largest. vacuum copies everything live
(tables, views, sequences, history, closed months, run history) into a new
file beside it and renames that over the warehouse, under the job lock
(exit 4 while a job runs). The file is whole at every moment.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runVacuum(cmd.Context(), o) },
	}
	cmd.Flags().DurationVar(&o.wait, "wait", 0, "wait this long for a running job to release the warehouse (default: exit 4 at once)")
	return cmd
}

func (a *app) runVacuum(ctx context.Context, o vacuumOptions) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	res, err := jobs.Vacuum(ctx, cfg.WarehousePath(), warehouse.Options{MemoryLimit: cfg.MemoryLimit}, o.wait, a.log)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s: %s → %s\n", cfg.WarehousePath(), sizeText(res.Before), sizeText(res.After))
	return nil
}

func sizeText(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(b)/(1<<20))
	}
	return fmt.Sprintf("%d KB", b>>10)
}

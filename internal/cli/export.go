package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/lake"
	"github.com/salesops/salesops/warehouse"
)

type exportOptions struct {
	format    string
	dir       string
	overwrite bool
}

func (a *app) exportCmd() *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export --format parquet DIR",
		Short: "Write the canonical tables and model outputs as Hive-partitioned Parquet for other engines",
		Long: `Write the warehouse's canonical tables (deals, follow-ups, surveys, …) and
every table the transform built (KPIs, bonus allocations, audit findings, …)
into DIR as Parquet, one folder per table, partitioned by month
(month=YYYY-MM) where the table has a natural date, with DIR/manifest.json
giving each table's rows, columns and money totals. DuckDB, Spark and Trino
read it directly (docs/scaling.md). Money stays DECIMAL.

The warehouse is read, never written, and the export can write nowhere but
DIR. It runs while no job writes the warehouse (exit 4 otherwise). DIR must
be new or empty; --overwrite replaces an earlier export, all at once.`,
		Example: `  salesops export --format parquet lake
  salesops export --format parquet --overwrite /srv/share/salesops-lake`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			return a.runExport(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "parquet", "the lake's file format: parquet")
	cmd.Flags().BoolVar(&o.overwrite, "overwrite", false, "replace the lake an earlier export wrote in DIR")
	return cmd
}

func (a *app) runExport(ctx context.Context, o exportOptions) error {
	if o.format != "parquet" {
		return usageErr("--format %q; want parquet", o.format)
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	m, err := lake.Export(ctx, cfg.WarehousePath(), o.dir, lake.Options{
		Overwrite: o.overwrite, MemoryLimit: cfg.MemoryLimit, Now: a.now(), Build: a.build, Log: a.log,
	})
	if errors.Is(err, warehouse.ErrInUse) {
		return busyErr(cfg.WarehousePath(), err, a.log)
	}
	if err != nil {
		return err
	}
	var rows int64
	for _, t := range m.Tables {
		rows += t.Rows
	}
	fmt.Fprintf(a.stdout, "exported %d tables (%d rows) to %s\n  manifest: %s\n",
		len(m.Tables), rows, o.dir, filepath.Join(o.dir, lake.ManifestName))
	return nil
}

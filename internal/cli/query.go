package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/reports"
	"github.com/salesops/salesops/warehouse"
)

type queryOptions struct {
	sql    string
	format string
}

func (a *app) queryCmd() *cobra.Command {
	var o queryOptions
	cmd := &cobra.Command{
		Use:   "query SQL",
		Short: "Run a read-only query on the warehouse and print it as a table, CSV or JSON",
		Long: `Run one statement that reads the warehouse: SELECT, WITH, FROM-first, SHOW,
DESCRIBE, SUMMARIZE, PIVOT … IN (…), or EXPLAIN [ANALYZE] of one of them.
Anything else (two statements, writes, COPY, ATTACH, SET, PRAGMA, CALL, files
or URLs other than the warehouse) is refused with exit 2.`,
		Example: `  salesops query "SELECT rep_id, sum(amount) FROM deals WHERE status = 'won' GROUP BY 1"
  salesops query --format csv "SELECT * FROM rejects"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.sql = args[0]
			return a.runQuery(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "table", "table, csv or json")
	return cmd
}

func (a *app) runQuery(ctx context.Context, o queryOptions) error {
	if o.format != "table" && o.format != "csv" && o.format != "json" {
		return usageErr("--format %q; want table, csv or json", o.format)
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	// The text is the user's: the sandbox keeps it to reading the warehouse.
	w, err := warehouse.Open(ctx, cfg.WarehousePath(), warehouse.Options{Sandbox: true, MemoryLimit: cfg.MemoryLimit}, a.log)
	if errors.Is(err, warehouse.ErrInUse) {
		return busyErr(cfg.WarehousePath(), err, a.log)
	}
	if err != nil {
		return err
	}
	defer w.Close()
	return w.QueryReadOnly(ctx, o.sql, func(rows *sql.Rows) error { return printRows(a.stdout, rows, o.format) })
}

// printRows streams a result set in the chosen format.
func printRows(out io.Writer, rows *sql.Rows, format string) error {
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var emit func([]string) error
	var done func() error
	switch format {
	case "csv":
		var cw *reports.CSV
		emit = func(r []string) error {
			if cw == nil { // the first record is the header
				var err error
				cw, err = reports.NewStreamCSV(out, r)
				return err
			}
			// Text may come straight from an export (the rejects table
			// keeps raw values), so it is neutralised as in every report.
			for i, v := range vals {
				if _, ok := v.(string); ok {
					r[i] = reports.SafeText(r[i])
				}
			}
			return cw.Row(r)
		}
		done = func() error { return cw.Close() }
	case "json":
		enc := json.NewEncoder(out)
		emit = func(r []string) error {
			m := make(map[string]any, len(cols))
			for i, c := range cols {
				if vals[i] == nil {
					m[c] = nil
				} else {
					m[c] = r[i]
				}
			}
			return enc.Encode(m)
		}
		done = func() error { return nil }
	default:
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		emit = func(r []string) error { _, err := fmt.Fprintln(tw, strings.Join(r, "\t")); return err }
		done = tw.Flush
	}
	if format != "json" {
		if err := emit(cols); err != nil {
			return err
		}
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		rec := make([]string, len(cols))
		for i, v := range vals {
			rec[i] = warehouse.FormatValue(v)
		}
		if err := emit(rec); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return done()
}

// busyErr says who writes the warehouse and what the operator can do
// meanwhile, instead of DuckDB's lock message (kept in the debug log): a
// job holds the file for minutes, and `runs` reads its journal meanwhile.
func busyErr(path string, err error, log *slog.Logger) error {
	log.Debug("warehouse open refused", "err", err)
	who := "another process"
	if h := jobs.ReadHolder(path); h.Job != "" {
		who = h.Job
		if h.Period != "" {
			who += " " + h.Period
		}
		who = fmt.Sprintf("%s (pid %d on %s, since %s)", who, h.PID, h.Host, h.Since.Format(time.RFC3339))
	}
	return fmt.Errorf("warehouse %s is being written by %s: try again when it ends; `salesops runs` shows the history meanwhile: %w",
		path, who, faults.ErrLocked)
}

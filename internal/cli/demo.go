package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/spf13/cobra"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/demo"
	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/period"
)

type demoOptions struct {
	out       string
	asOf      string
	canonical bool
}

func (a *app) demoCmd() *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the main job on a generated sample company and show where the reports are",
		Long: `Write a realistic sample of every export (CSV, XLSX, GBK-encoded Chinese files,
a few bad rows), ingest it into a fresh DuckDB file, run the monthly bonus for
the latest complete month with its dashboard and scorecards, and the quarterly
audit, then print where the reports are. The sample is the same for the same
--as-of date.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runDemo(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.out, "out", "salesops-demo", "folder for the exports, the warehouse and the reports")
	cmd.Flags().StringVar(&o.asOf, "as-of", "", "the demo's today, YYYY-MM-DD (default: today in Asia/Shanghai)")
	cmd.Flags().BoolVar(&o.canonical, "canonical", false, "write every export as plain CSV with canonical headers")
	return cmd
}

// demoConfig is the salesops.yaml the demo writes next to its exports.
type demoConfig struct {
	Version   int            `yaml:"version"`
	Timezone  string         `yaml:"timezone"`
	Warehouse string         `yaml:"warehouse"`
	Output    string         `yaml:"output"`
	Sources   []demoSource   `yaml:"sources"`
	Targets   map[string]any `yaml:"targets"`
}

type demoSource struct {
	Name     string `yaml:"name"`
	Kind     string `yaml:"kind"`
	Path     string `yaml:"path"`
	Sheet    string `yaml:"sheet,omitempty"`
	Currency string `yaml:"currency,omitempty"`
}

func (a *app) runDemo(ctx context.Context, o demoOptions) error {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	today := period.Civil(a.now(), loc)
	if o.asOf != "" {
		t, err := time.Parse(time.DateOnly, o.asOf)
		if err != nil {
			return usageErr("--as-of %q: want YYYY-MM-DD", o.asOf)
		}
		today = t
	}
	out, err := filepath.Abs(o.out)
	if err != nil {
		return err
	}
	// A fresh warehouse and fresh exports every time: the demo is a sample,
	// never a place where someone's data lives.
	for _, p := range []string{"exports", "salesops.duckdb", "salesops.duckdb.wal", "reports"} {
		if err := os.RemoveAll(filepath.Join(out, p)); err != nil {
			return fmt.Errorf("clearing the previous demo: %w", err)
		}
	}
	t0 := time.Now()
	files, err := demo.Generate(ctx, filepath.Join(out, "exports"), demo.Options{AsOf: today, Canonical: o.canonical})
	if err != nil {
		return fmt.Errorf("generating the demo exports: %w", err)
	}
	a.log.Info("demo exports written", "files", len(files), "folder", filepath.Join(out, "exports"), "took", time.Since(t0).Round(time.Millisecond))
	cfgPath, err := writeDemoConfig(out, files, period.MonthOf(today).Prev())
	if err != nil {
		return err
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return fmt.Errorf("the demo configuration does not load (a bug): %w", err)
	}
	// The demo's clock is its as-of date, so the "last complete" periods
	// are those of the sample.
	r := a.newRunner(cfg, 0)
	r.Now = func() time.Time { return time.Date(today.Year(), today.Month(), today.Day(), 12, 0, 0, 0, loc) }
	var outputs []string
	// The audit first: the month's dashboard shows the last quarter's audit
	// score once that quarter's audit has run.
	for _, job := range []string{jobs.JobQuarterlyAudit, jobs.JobMonthlyBonus} {
		res, err := r.Run(ctx, jobs.Request{Job: job, Trigger: jobs.TriggerManual})
		if err != nil {
			return fmt.Errorf("demo %s: %w", job, err)
		}
		a.printOutcome(res)
		outputs = append(outputs, res.Outputs...)
	}
	fmt.Fprintf(a.stdout, "\nDemo company ready in %s (%s):\n  exports:   %s\n  config:    %s\n  warehouse: %s\n  reports:   %s\n",
		out, time.Since(t0).Round(100*time.Millisecond), filepath.Join(out, "exports"), cfgPath, cfg.WarehousePath(), filepath.Join(cfg.OutputDir(), "index.html"))
	fmt.Fprintf(a.stdout, "Try: %s --config %s runs\n", selfName(), cfgPath)
	return nil
}

// writeDemoConfig writes out/salesops.yaml for the exports files written
// under out/exports, with the baseline the year before the year ending at
// month, and returns its path. Tests that generate a smaller company call it
// too, so their configuration is the demo's.
func writeDemoConfig(out string, files []demo.File, month period.Period) (string, error) {
	baseline := period.Period{Kind: period.Range, First: month.Shift(-23).First, Last: month.Shift(-12).First}
	dc := demoConfig{Version: config.Version, Timezone: "Asia/Shanghai", Warehouse: "salesops.duckdb", Output: "reports",
		Targets: map[string]any{"baseline": baseline.String()}}
	for _, f := range files {
		dc.Sources = append(dc.Sources, demoSource{Name: f.Path, Kind: f.Kind, Path: filepath.ToSlash(filepath.Join("exports", f.Path)), Sheet: f.Sheet, Currency: f.Currency})
	}
	text, err := yaml.Marshal(dc)
	if err != nil {
		return "", fmt.Errorf("writing the demo configuration: %w", err)
	}
	cfgPath := filepath.Join(out, "salesops.yaml")
	header := "# Written by `salesops demo`: the demo company's exports, mapped by the\n# header aliases of the spec alone. Rerun any job with --config " + cfgPath + "\n"
	if err := os.WriteFile(cfgPath, append([]byte(header), text...), 0o640); err != nil {
		return "", fmt.Errorf("writing the demo configuration: %w", err)
	}
	return cfgPath, nil
}

// selfName is how to invoke this binary again: the path it was started by
// when that is not a bare name (./bin/salesops after make demo).
func selfName() string {
	if len(os.Args) > 0 && strings.ContainsRune(os.Args[0], filepath.Separator) && !strings.HasSuffix(os.Args[0], ".test") {
		return os.Args[0]
	}
	return "salesops"
}

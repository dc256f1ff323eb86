package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/reports"
	"github.com/salesops/salesops/warehouse"
)

type modelOptions struct {
	period string
	sets   []string // KEY=VALUE, KEY a dotted key under bonus.
	plan   string   // a YAML file holding a bonus: block
}

func (a *app) modelCmd() *cobra.Command {
	var o modelOptions
	cmd := &cobra.Command{
		Use:   "model --period YYYY-MM [--plan FILE] [--set bonus.KEY=VALUE]...",
		Short: "Compute a month under a changed bonus plan beside the month as it stands, writing nothing to the warehouse",
		Long: `Compute the month's bonus under a changed plan and compare it with the month
as it stands: the frozen record of a closed month (modelled on the inputs it
froze), otherwise what the last run computed. Writes model-YYYY-MM.csv and
model-YYYY-MM.xlsx under <output>/YYYY-MM/: each rep's current and modelled
allocation and the difference, the modelled shares, score and multiplier,
the pool, allocated and unallocated under each plan, and (in the workbook)
both plans side by side with the changed settings highlighted.

The changed plan is the configured one with --plan FILE (a YAML file holding
a bonus: block, read like salesops.yaml's: a setting it leaves out takes its
default) and then each --set applied. Keys are the settings of bonus: in
salesops.yaml (` + strings.Join(bonus.PlanKeys(), ", ") + `);
values are read as the configuration reads them (0.25, 25%, and null for no
cap). The warehouse is opened read-only: nothing in it changes.`,
		Example: `  salesops model --period 2026-10 --set bonus.max_share=null
  salesops model --period 2026-10 --set bonus.weights.sales=0.5 --set bonus.weights.new_customers=0.3
  salesops model --period 2026-10 --plan plan-2027.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runModel(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.period, "period", "", "the month (YYYY-MM)")
	cmd.Flags().StringArrayVar(&o.sets, "set", nil, "a plan setting to change, bonus.KEY=VALUE (repeatable)")
	cmd.Flags().StringVar(&o.plan, "plan", "", "a YAML file holding a bonus: block to model instead of the configured one")
	_ = cmd.MarkFlagRequired("period")
	return cmd
}

func (a *app) runModel(ctx context.Context, o modelOptions) error {
	if err := checkMonth(o.period); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	changed, err := modelledPlan(cfg.Bonus, o)
	if err != nil {
		return err
	}
	current, err := bonus.PlanFrom(cfg.Bonus)
	if err != nil {
		return err
	}
	w, err := warehouse.Open(ctx, cfg.WarehousePath(), warehouse.Options{ReadOnly: true, MemoryLimit: cfg.MemoryLimit}, a.log)
	if errors.Is(err, warehouse.ErrInUse) {
		return busyErr(cfg.WarehousePath(), err, a.log)
	}
	if err != nil {
		return err
	}
	m, err := bonus.ModelMonth(ctx, w.DB, bonus.NewStore(w), o.period, current, changed)
	w.Close()
	if errors.Is(err, bonus.ErrNoMonth) {
		return fmt.Errorf("%w: no bonus has been computed for %s: run 'salesops run monthly-bonus --period %s' first", faults.ErrUsage, o.period, o.period)
	}
	if err != nil {
		return err
	}
	for _, n := range m.Notes {
		a.log.Warn(n)
	}
	dir := filepath.Join(cfg.OutputDir(), o.period)
	csvPath, xlsxPath := filepath.Join(dir, "model-"+o.period+".csv"), filepath.Join(dir, "model-"+o.period+".xlsx")
	if err := reports.WriteModelCSV(ctx, csvPath, m); err != nil {
		return err
	}
	opt := reports.WorkbookOptions{Language: cfg.Language, BaseCurrency: cfg.BaseCurrency, Build: a.build}
	if err := reports.WriteModelWorkbook(ctx, xlsxPath, m, opt); err != nil {
		return err
	}
	c, x := m.CurrentTotals, m.ModelTotals
	fmt.Fprintf(a.stdout, "model %s: pool %s → %s, allocated %s → %s, unallocated %s → %s\n",
		o.period, c.Pool, x.Pool, c.Allocated, x.Allocated, c.Unallocated, x.Unallocated)
	fmt.Fprintf(a.stdout, "  %s\n  %s\n", xlsxPath, csvPath)
	return nil
}

// modelledPlan is the configured bonus block with --plan and each --set
// applied, made into a Plan by bonus.PlanFrom, the one place plans are made.
func modelledPlan(b config.Bonus, o modelOptions) (bonus.Plan, error) {
	if o.plan != "" {
		text, err := os.ReadFile(o.plan)
		if err != nil {
			return bonus.Plan{}, fmt.Errorf("%w: --plan: %w", faults.ErrUsage, err)
		}
		if b, err = config.ParseBonusFile(o.plan, text); err != nil {
			return bonus.Plan{}, fmt.Errorf("--plan: %w", err)
		}
	}
	for _, s := range o.sets {
		key, value, ok := strings.Cut(s, "=")
		key = strings.TrimSpace(key)
		switch {
		case !ok:
			return bonus.Plan{}, usageErr("--set %q: want bonus.KEY=VALUE, e.g. bonus.max_share=0.25", s)
		case slices.Contains(config.BonusKeys(), key) && !slices.Contains(bonus.PlanKeys(), key):
			return bonus.Plan{}, usageErr("--set %s: not a setting salesops model can change; it can change %s",
				key, strings.Join(bonus.PlanKeys(), ", "))
		case !slices.Contains(bonus.PlanKeys(), key):
			return bonus.Plan{}, usageErr("--set %s: unknown setting; the plan's settings are %s", key, strings.Join(bonus.PlanKeys(), ", "))
		}
		var err error
		if b, err = config.OverrideBonus(b, key, strings.TrimSpace(value)); err != nil {
			return bonus.Plan{}, fmt.Errorf("--set: %w", err)
		}
	}
	return bonus.PlanFrom(b)
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/salesops/salesops/internal/scalegen"
)

// benchOptions are the flags of `benchscale run`.
type benchOptions struct {
	sizes       []scalegen.Size
	seed        uint64
	dir         string // companies and warehouses, one folder per size
	salesops    string // the binary under test
	doc         string // docs/performance.md; "" writes nothing
	month       string
	quarter     string
	memoryLimit string // DuckDB alone's; salesops uses its configuration's default
	timeout     time.Duration
	keep        bool
}

// company is one generated size and what was measured on it.
type company struct {
	manifest scalegen.Manifest
	genTime  time.Duration
	steps    []step
}

// benchSize generates one company and runs every step on it, in order:
// DuckDB alone, the monthly bonus cold, warm and after the delta day, the
// quarterly audit cold and warm, then DuckDB alone again. done is called
// after each step so the document is up to date even when a later step
// runs for an hour.
func benchSize(ctx context.Context, log *slog.Logger, o benchOptions, size scalegen.Size, c *company, done func()) error {
	dir := filepath.Join(o.dir, size.Name)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clearing %s: %w", dir, err)
	}
	logs := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", logs, err)
	}
	t0 := time.Now()
	m, err := scalegen.Generate(ctx, dir, scalegen.Options{Size: size, Seed: o.seed})
	if err != nil {
		return fmt.Errorf("generating company %s: %w", size.Name, err)
	}
	c.manifest, c.genTime = m, time.Since(t0)
	log.Info("company generated", "size", size.Name, "MB", m.BaseBytes()>>20, "took", c.genTime.Round(time.Millisecond), "dir", dir)
	done()

	// An interrupted step is recorded too: an hour of L is worth its
	// "stopped after N s" in the document.
	record := func(st step, err error) error {
		if err != nil && st.Failed == "" {
			return err
		}
		st.Size = size.Name
		c.steps = append(c.steps, st)
		log.Info("step done", "size", size.Name, "step", st.Key, "wall", st.Wall.Round(time.Millisecond),
			"peak_MB", st.RSS>>20, "db_MB", st.DBSize>>20, "failed", st.Failed)
		done()
		return err
	}
	if err := record(runDuckDBAlone(ctx, o, dir, m, aloneFirst)); err != nil {
		return err
	}
	cfg := filepath.Join(dir, m.Config)
	wh := filepath.Join(dir, "salesops.duckdb")
	run := func(key, name string, args ...string) error {
		st, _, stderr, err := child(ctx, o.timeout, filepath.Join(logs, key+".log"), nil, o.salesops,
			append([]string{"--config", cfg, "run"}, args...)...)
		st.Key, st.Name, st.DBSize, st.Detail = key, name, fileSize(wh), phases(string(stderr))
		return record(st, err)
	}
	if err := removeWarehouse(dir); err != nil {
		return err
	}
	monthly := []string{"monthly-bonus", "--period", o.month}
	if err := run("cold", "monthly-bonus "+o.month+", cold (fresh warehouse)", monthly...); err != nil {
		return err
	}
	if err := run("warm", "monthly-bonus, warm (run again, nothing new)", monthly...); err != nil {
		return err
	}
	if err := deliver(dir, m, true); err != nil {
		return err
	}
	incr := fmt.Sprintf("monthly-bonus, incremental (day %s: %s new deals, %s changed, %s new follow-ups)",
		m.Delta, thousands(size.NewDeals()), thousands(size.ChangedDeals()), thousands(2*size.NewDeals()))
	if err := run("incremental", incr, monthly...); err != nil {
		return err
	}
	if err := deliver(dir, m, false); err != nil {
		return err
	}
	if err := removeWarehouse(dir); err != nil {
		return err
	}
	audit := []string{"quarterly-audit", "--period", o.quarter}
	if err := run("audit", "quarterly-audit "+o.quarter+", cold (fresh warehouse)", audit...); err != nil {
		return err
	}
	// Issue 11 asks that each job succeed twice in a row: the monthly
	// job's second run is the warm step above, this is the audit's.
	if err := run("audit-warm", "quarterly-audit, warm (run again, nothing new)", audit...); err != nil {
		return err
	}
	// The machine's speed moves within an L run's ten minutes (DuckDB
	// alone 8% and 10% slower after the jobs than before them, in two
	// runs on 2026-12-03): the baseline is measured on both sides.
	if err := record(runDuckDBAlone(ctx, o, dir, m, aloneAgain)); err != nil {
		return err
	}
	if !o.keep {
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("removing %s: %w", dir, err)
		}
	}
	return nil
}

// The two runs of DuckDB alone, before the jobs and after them.
const (
	aloneFirst = "duckdb"
	aloneAgain = "duckdb-again"
)

// runDuckDBAlone loads the five base exports with read_csv and computes the
// bonus aggregates, in a child: this binary again, with the DuckDB driver.
// key is aloneFirst or aloneAgain.
func runDuckDBAlone(ctx context.Context, o benchOptions, dir string, m scalegen.Manifest, key string) (step, error) {
	files := map[string]string{}
	for _, f := range m.Base {
		files[f.Kind] = filepath.Join(dir, filepath.FromSlash(f.Path))
	}
	list, err := json.Marshal(files)
	if err != nil {
		return step{}, err
	}
	self, err := os.Executable()
	if err != nil {
		return step{}, fmt.Errorf("finding this program to run its DuckDB child: %w", err)
	}
	db := filepath.Join(dir, "duckdb-alone.duckdb")
	st, out, _, err := child(ctx, o.timeout, filepath.Join(dir, "logs", key+".log"), nil, self,
		"duckdb-alone", db, o.memoryLimit, o.month, string(list))
	st.Key, st.DBSize = key, fileSize(db)
	st.Name = "DuckDB alone: `CREATE TABLE … AS SELECT * FROM read_csv(…)` × 5, then the bonus aggregates in SQL"
	if key == aloneAgain {
		st.Name = "DuckDB alone again, after the jobs"
	}
	if err != nil || st.Failed != "" {
		return st, err
	}
	var res aloneResult
	if err := json.Unmarshal(out, &res); err != nil {
		return st, fmt.Errorf("reading DuckDB alone's result %q: %w", out, err)
	}
	st.Detail = fmt.Sprintf("load %.1f s, SQL %.2f s; DuckDB %s; %d reps, net sales %s, %d new customers, %d responses",
		res.Load.Seconds(), res.SQL.Seconds(), res.Version, res.Reps, res.NetSales, res.NewCustomers, res.Responses)
	os.Remove(db)
	os.Remove(db + ".wal")
	return st, nil
}

// deliver moves the delta day's exports into the drop folder (in) or back
// out of it, as a CRM's nightly export lands there.
func deliver(dir string, m scalegen.Manifest, in bool) error {
	for _, f := range m.DeltaFiles {
		from := filepath.Join(dir, filepath.FromSlash(f.Path))
		to := filepath.Join(dir, filepath.FromSlash(scalegen.DeliverPath(f)))
		if !in {
			from, to = to, from
		}
		if err := os.Rename(from, to); err != nil {
			return fmt.Errorf("delivering the delta day's %s: %w", f.Kind, err)
		}
	}
	return nil
}

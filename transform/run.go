package transform

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/salesops/salesops/warehouse"
)

// Step is a transform step written in Go, ordered among the SQL models by
// its dependencies.
type Step struct {
	Name    string
	Depends []string
	Run     func(ctx context.Context, tx *sql.Tx) error
	// Fingerprint names everything the step computes from besides its
	// dependencies' tables (its configuration, its code's version): with
	// the same fingerprint and unchanged dependencies its table is not
	// rebuilt. Empty means always rebuild.
	Fingerprint string
}

// Options configure one transform.
type Options struct {
	FS    fs.FS          // models and tests; nil means the embedded ones
	Vars  map[string]any // session variables the models read with getvariable()
	Steps []Step
	Log   *slog.Logger
	// Targets are the models and steps the caller goes on to read: only
	// they, what they depend on and the data tests of those are run. Empty
	// runs everything. A model left out keeps its table from an earlier
	// run, so a caller must read nothing outside its targets' closure.
	Targets []string
	// Stamps name the content of the tables outside the transform that
	// the models read (the "-- reads:" headers), for telling whether a
	// model is up to date: ingest.TableStamps for the canonical tables. A
	// table without a stamp is hashed.
	Stamps map[string]string
	// Full rebuilds every model, up to date or not.
	Full bool
}

// RunResult says what ran.
type RunResult struct {
	Models []string // built
	Fresh  []string // up to date: built before from the same inputs, not rebuilt
	// Refreshed are the models of Models rebuilt only for the keys a new
	// day touched (keyed.go).
	Refreshed []string
	// Merged are the models of Models that merged a new day's rows into
	// their table (merge.go).
	Merged []string
	// Retired are models an earlier salesops built that the embedded
	// models no longer define: their tables or views are dropped
	// (retire.go).
	Retired []string
	// KeyedTests are the data tests that checked only the keys a new day
	// wrote (keyed_tests.go).
	KeyedTests []string
	Tests      int
	Took       time.Duration
}

// Run runs the models and steps of opt (every one, or what opt.Targets
// need) in dependency order in one transaction, each followed by its data
// tests. Nothing is committed unless all pass.
func Run(ctx context.Context, w *warehouse.Warehouse, opt Options) (RunResult, error) {
	start := time.Now()
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	p, err := newPlan(opt)
	if err != nil {
		return RunResult{}, err
	}
	res := RunResult{}
	err = w.Tx(ctx, func(tx *sql.Tx) error {
		if err := setVars(ctx, tx, opt.Vars); err != nil {
			return err
		}
		f, err := loadFreshness(ctx, tx, opt.Stamps)
		if err != nil {
			return err
		}
		if opt.FS == nil {
			if res.Retired, err = retire(ctx, tx, f, p, log); err != nil {
				return err
			}
		}
		for _, name := range p.seq {
			fp, err := p.fingerprint(ctx, tx, f, name, opt.Vars)
			if err != nil {
				return fmt.Errorf("model %s: %w", name, err)
			}
			f.fp[name] = fp
			if !opt.Full && f.fresh(name, fp) {
				log.Debug("model up to date", "model", name)
				res.Fresh = append(res.Fresh, name)
				continue
			}
			t0 := time.Now()
			m := p.models[name]
			keyed, err := f.keyedInputs(ctx, tx, m)
			if err != nil {
				return err
			}
			var base string
			if keyed != nil {
				if base, err = p.fingerprintExcept(ctx, tx, f, name, opt.Vars, keyed); err != nil {
					return fmt.Errorf("model %s: %w", name, err)
				}
			}
			refreshed, merged, keys := false, false, int64(0)
			switch {
			case keyed == nil || opt.Full || !f.tables[name]:
			case m.Merge != "":
				if keys, merged, err = f.mergeNew(ctx, tx, m, keyed, base); err != nil {
					return err
				}
			default:
				if keys, refreshed, err = f.refreshKeyed(ctx, tx, m, keyed, base); err != nil {
					return err
				}
			}
			switch s, isStep := p.steps[name]; {
			case isStep:
				if err := s.Run(ctx, tx); err != nil {
					return fmt.Errorf("transform step %s: %w", name, err)
				}
			case refreshed || merged: // its touched keys' rows are rebuilt, or the new rows merged
			default:
				if err := f.clear(ctx, tx, m); err != nil {
					return err
				}
				if err := buildModel(ctx, tx, m); err != nil {
					return fmt.Errorf("model %s: %w", name, err)
				}
			}
			took := time.Since(t0)
			switch {
			case refreshed:
				log.Debug("model refreshed", "model", name, "keys", keys, "took", took.Round(time.Millisecond))
				res.Refreshed = append(res.Refreshed, name)
			case merged:
				what := "model merged the new rows"
				if m.MergeChanged {
					what = "model merged the rows added and replaced"
				}
				log.Debug(what, "model", name, "rows", keys, "took", took.Round(time.Millisecond))
				res.Merged = append(res.Merged, name)
			default:
				log.Debug("model built", "model", name, "took", took.Round(time.Millisecond))
			}
			res.Models = append(res.Models, name)
			for _, t := range p.testsOf[name] {
				t0 := time.Now()
				keys, keyedTest, err := p.runDataTest(ctx, tx, f, t, opt.Vars, opt.Full)
				if err != nil {
					return err
				}
				took := time.Since(t0).Round(time.Millisecond)
				if keyedTest {
					log.Debug("data test checked the keys written since it last passed", "test", t.Name, "keys", keys, "took", took)
					res.KeyedTests = append(res.KeyedTests, t.Name)
				} else {
					log.Debug("data test passed", "test", t.Name, "took", took)
				}
				res.Tests++
			}
			if err := recordBuilt(ctx, tx, name, fp, took); err != nil {
				return err
			}
			if keyed != nil {
				if err := f.recordKeyed(ctx, tx, m.Name, keyed, fp, base); err != nil {
					return err
				}
			}
		}
		return nil
	})
	res.Took = time.Since(start)
	if err != nil {
		return res, err
	}
	log.Info("transform done", "models", len(res.Models), "up_to_date", len(res.Fresh), "tests", res.Tests, "took", res.Took.Round(time.Millisecond))
	return res, nil
}

var identRE = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// setVars binds the session variables; values are rendered as typed SQL
// literals from Go values, never from user text spliced into SQL.
func setVars(ctx context.Context, tx *sql.Tx, vars map[string]any) error {
	names := make([]string, 0, len(vars))
	for k := range vars {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if !identRE.MatchString(k) {
			return fmt.Errorf("variable name %q is not a plain identifier", k)
		}
		lit, err := literal(vars[k])
		if err != nil {
			return fmt.Errorf("variable %s: %w", k, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("SET VARIABLE %s = %s", k, lit)); err != nil {
			return fmt.Errorf("setting variable %s: %w", k, err)
		}
	}
	return nil
}

func literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case int:
		return fmt.Sprintf("%d", x), nil
	case int64:
		return fmt.Sprintf("%d", x), nil
	case bool:
		return fmt.Sprintf("%t", x), nil
	case time.Time:
		return fmt.Sprintf("DATE '%s'", x.Format(time.DateOnly)), nil
	case *big.Rat:
		if x == nil {
			return "NULL", nil
		}
		return fmt.Sprintf("CAST('%s' AS DECIMAL(38,18))", x.FloatString(18)), nil
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'", nil
	default:
		return "", errors.New("unsupported type " + fmt.Sprintf("%T", v))
	}
}

// buildModel runs m's SQL, with DuckDB's threads capped as it asks
// (withThreads).
func buildModel(ctx context.Context, tx *sql.Tx, m Model) error {
	return withThreads(ctx, tx, m.Threads, func() error {
		_, err := tx.ExecContext(ctx, m.SQL)
		return err
	})
}

// withThreads runs fn with DuckDB's threads capped at n (0: no cap) and
// sets them back after it: the setting is the database's, not the
// transaction's. After a failed statement the transaction refuses the
// reset, so the cap lasts until the warehouse is closed, which a failed
// job does. Models and data tests both take a "-- threads: N" header.
func withThreads(ctx context.Context, tx *sql.Tx, n int, fn func() error) error {
	if n > 0 {
		var prev int
		if err := tx.QueryRowContext(ctx, `SELECT CAST(current_setting('threads') AS INTEGER)`).Scan(&prev); err != nil {
			return fmt.Errorf("reading the threads setting: %w", err)
		}
		if prev > n {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("SET threads = %d", n)); err != nil {
				return fmt.Errorf("capping threads at %d: %w", n, err)
			}
			defer tx.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("SET threads = %d", prev)) //nolint:errcheck // best effort: a failed transaction fails the job anyway
		}
	}
	return fn()
}

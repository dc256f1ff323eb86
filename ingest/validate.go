package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// Validate checks one file as kind without loading it, in a throwaway
// in-memory DuckDB, returning the report and every reject.
func Validate(ctx context.Context, path, kind string, src config.Source, cfg config.Config, opt Options) (Report, []Reject, error) {
	opt = opt.withDefaults()
	if _, ok := specs[kind]; !ok {
		return Report{}, nil, fmt.Errorf("%w: kind %q; want one of %s", faults.ErrUsage, kind, strings.Join(config.Kinds, ", "))
	}
	src.Kind, src.Path = kind, path
	if src.Name == "" {
		src.Name = "validate"
	}
	w, err := warehouse.Open(ctx, "", warehouse.Options{}, opt.Log)
	if err != nil {
		return Report{}, nil, fmt.Errorf("opening a scratch database: %w", err)
	}
	defer w.Close()
	ratesErr := copyRates(ctx, w, cfg.WarehousePath())
	s, err := openSession(ctx, w.DB)
	if err != nil {
		return Report{}, nil, err
	}
	defer s.close()
	fr, rejects, err := loadFile(ctx, s, job{src: src, path: path, name: path}, 0, cfg, opt, true)
	rep := Report{Files: []FileReport{fr}, DryRun: true}
	counts := map[string]int64{}
	for _, r := range rejects {
		counts[r.Reason]++
	}
	for reason, n := range counts {
		rep.TopReasons = append(rep.TopReasons, ReasonCount{reason, n})
	}
	rep.TopReasons = sortReasons(rep.TopReasons)
	warnMissingRates(opt.Log, ratesErr, rejects)
	dryRunError(err)
	_ = s.tx.QueryRowContext(ctx, "SELECT count(*) FROM _dups").Scan(&rep.Warnings)
	return rep, rejects, err
}

// ErrNoRates means there was no warehouse to take exchange rates from.
var ErrNoRates = errors.New("no warehouse with exchange rates")

// copyRates gives the scratch database of Validate the exchange rates of
// the configured warehouse, so a USD deal is converted as the ingest would
// convert it instead of being rejected for a missing rate. The warehouse is
// attached read-only and detached again.
func copyRates(ctx context.Context, scratch *warehouse.Warehouse, path string) error {
	if path == "" {
		return ErrNoRates
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%w: %v", ErrNoRates, err)
	}
	conn, err := scratch.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	lit := "'" + strings.ReplaceAll(path, "'", "''") + "'"
	if _, err := conn.ExecContext(ctx, "ATTACH "+lit+" AS rates_src (READ_ONLY)"); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "DETACH rates_src")
	_, err = conn.ExecContext(ctx, "INSERT INTO fx_rates SELECT * FROM rates_src.fx_rates")
	return err
}

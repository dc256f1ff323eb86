// Command benchscale is `make bench-scale`: it generates the S, M and L
// companies of issue 11 (internal/scalegen) and measures, in child
// processes of one run, DuckDB alone against `salesops run monthly-bonus`
// cold, warm and incremental, and `salesops run quarterly-audit` cold and
// warm, then DuckDB alone again (the ratios divide by the mean of the
// two); it prints the figures and writes them into docs/performance.md.
//
//	benchscale run [-sizes "S M"] [-salesops bin/salesops] [-doc docs/performance.md]
//	benchscale gen -size S -out DIR      (only the company)
//	benchscale duckdb-alone …            (the DuckDB child; run by `run`)
//
// It is a development program, not a salesops command: it drives the
// binary from outside as a customer would, and needs the repository.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/salesops/salesops/internal/scalegen"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(ctx, log, os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "benchscale: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, log *slog.Logger, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: benchscale run|gen|duckdb-alone …")
	}
	switch args[0] {
	case "run":
		return benchMain(ctx, log, args[1:])
	case "gen":
		return genMain(ctx, log, args[1:])
	case "duckdb-alone":
		return aloneMain(ctx, args[1:])
	}
	return fmt.Errorf("unknown command %q: want run, gen or duckdb-alone", args[0])
}

func genMain(ctx context.Context, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	sizeName := fs.String("size", "S", "S (100k deals), M (1M) or L (10M)")
	out := fs.String("out", "", "folder to write the company into")
	seed := fs.Uint64("seed", 1, "random seed: the same seed writes the same bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("gen: -out is required")
	}
	size, err := scalegen.SizeNamed(*sizeName)
	if err != nil {
		return err
	}
	t0 := time.Now()
	m, err := scalegen.Generate(ctx, *out, scalegen.Options{Size: size, Seed: *seed})
	if err != nil {
		return err
	}
	log.Info("company written", "size", size.Name, "dir", *out, "MB", m.BaseBytes()>>20, "took", time.Since(t0).Round(time.Millisecond))
	return nil
}

func benchMain(ctx context.Context, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	sizes := fs.String("sizes", "S M", "the companies to measure, e.g. \"S M L\"")
	o := benchOptions{}
	fs.Uint64Var(&o.seed, "seed", 1, "random seed of the companies")
	fs.StringVar(&o.dir, "dir", filepath.Join(os.TempDir(), "salesops-bench-scale"), "folder for the companies and warehouses (L needs about 10 GB)")
	fs.StringVar(&o.salesops, "salesops", "bin/salesops", "the salesops binary to measure")
	fs.StringVar(&o.doc, "doc", "docs/performance.md", "document whose bench-scale section is rewritten (\"\": none)")
	fs.StringVar(&o.month, "month", "2026-10", "the monthly bonus period")
	fs.StringVar(&o.quarter, "quarter", "2026-Q3", "the quarterly audit period")
	fs.StringVar(&o.memoryLimit, "memory-limit", "600MB", "DuckDB alone's memory_limit (salesops' default, which its configuration keeps)")
	fs.DurationVar(&o.timeout, "timeout", 90*time.Minute, "kill a step that runs longer")
	fs.BoolVar(&o.keep, "keep", false, "keep each company and its warehouse after its run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, name := range strings.FieldsFunc(*sizes, func(r rune) bool { return r == ' ' || r == ',' }) {
		s, err := scalegen.SizeNamed(name)
		if err != nil {
			return err
		}
		o.sizes = append(o.sizes, s)
	}
	bin, err := filepath.Abs(o.salesops)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("the salesops binary: %w (make build)", err)
	}
	// Other builds in the same checkout rewrite bin/salesops; every step
	// must run the binary the run started with.
	if o.salesops, err = copyBinary(bin, o.dir); err != nil {
		return err
	}
	r := newReport(o)
	write := func() {
		if o.doc == "" {
			return
		}
		if err := r.writeDoc(o.doc); err != nil {
			log.Error("writing the document", "err", err)
		}
	}
	for _, size := range o.sizes {
		c := &company{}
		r.companies = append(r.companies, c)
		if err := benchSize(ctx, log, o, size, c, write); err != nil {
			return err
		}
	}
	r.finished = true
	write()
	fmt.Print(r.markdown())
	return nil
}

// copyBinary copies the binary under test into dir and returns the copy.
func copyBinary(bin, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating %s: %w", dir, err)
	}
	b, err := os.ReadFile(bin)
	if err != nil {
		return "", fmt.Errorf("reading the salesops binary: %w", err)
	}
	dst := filepath.Join(dir, "salesops")
	if err := os.WriteFile(dst+".tmp", b, 0o755); err != nil {
		return "", fmt.Errorf("copying the salesops binary: %w", err)
	}
	if err := os.Rename(dst+".tmp", dst); err != nil {
		return "", fmt.Errorf("copying the salesops binary: %w", err)
	}
	return dst, nil
}

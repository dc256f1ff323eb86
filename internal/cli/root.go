// Package cli builds the salesops command line: global flags, one file per
// subcommand (an options struct and a run function), and the single place
// where errors become exit codes. It wires the other packages together and
// holds no business logic of its own.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/i18n"
)

// app is what every subcommand shares: streams, global flags, the clock.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	configPath     string
	logFormat      string
	quiet, verbose bool
	now            func() time.Time
	log            *slog.Logger
	build          buildinfo.Info // this binary, recorded in runs and outputs
	// lang is the configured language of the summaries printed for people,
	// set when the configuration is loaded; before that (usage, init, a
	// configuration that fails to load) they are English.
	lang i18n.Lang
}

// Run executes salesops with args (without the program name) and returns
// the process exit code. Tests call it directly.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now, build: buildinfo.Read()}
	return a.run(ctx, args)
}

// run executes the command line on a (whose clock tests may set) and
// returns the exit code, having printed the error.
func (a *app) run(ctx context.Context, args []string) int {
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	markOwnErrors(root)
	cmd, err := root.ExecuteContextC(ctx)
	err = commandLineError(cmd, err)
	if err != nil {
		fmt.Fprintf(a.stderr, "salesops: %v\n", err)
	}
	return faults.ExitCode(err)
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "salesops",
		Short: "Sales KPIs, the monthly bonus, dashboards and the quarterly audit from your exports",
		Long: `salesops turns a sales department's exports (CRM, ERP, surveys, spreadsheets)
into the numbers its people act on: the monthly bonus finance pays from,
leadership's dashboards and the quarterly process audit. Start with
'salesops demo' to see every report on a sample company, or 'salesops init'
to write a starter configuration.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       a.build.String(),
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.setupLogging()
		},
	}
	f := root.PersistentFlags()
	def := "salesops.yaml"
	if env := os.Getenv("SALESOPS_CONFIG"); env != "" {
		def = env
	}
	f.StringVar(&a.configPath, "config", def, "configuration file (default ./salesops.yaml or $SALESOPS_CONFIG)")
	f.StringVar(&a.logFormat, "log-format", "text", "log format: text or json")
	f.BoolVarP(&a.quiet, "quiet", "q", false, "only warnings and errors")
	f.BoolVarP(&a.verbose, "verbose", "v", false, "debug logging")
	root.Flags().Bool("version", false, "print the version, VCS revision, Go toolchain and platform")
	root.SetVersionTemplate("{{.Version}}\n")
	for _, c := range a.commands() {
		root.AddCommand(c)
	}
	return root
}

func (a *app) setupLogging() error {
	level := slog.LevelInfo
	switch {
	case a.quiet && a.verbose:
		return fmt.Errorf("%w: --quiet and --verbose contradict each other", faults.ErrUsage)
	case a.quiet:
		level = slog.LevelWarn
	case a.verbose:
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch a.logFormat {
	case "text":
		a.log = slog.New(slog.NewTextHandler(a.stderr, opts))
	case "json":
		a.log = slog.New(slog.NewJSONHandler(a.stderr, opts))
	default:
		return fmt.Errorf("%w: --log-format %q; want text or json", faults.ErrUsage, a.logFormat)
	}
	return nil
}

// loadConfig reads the --config file.
func (a *app) loadConfig() (config.Config, error) {
	c, err := config.Load(a.configPath)
	if err == nil {
		a.lang = i18n.Parse(c.Language)
	}
	if err != nil && errors.Is(err, os.ErrNotExist) {
		return c, fmt.Errorf("%w (run 'salesops init' to write a starter, or pass --config)", err)
	}
	return c, err
}

// interactive reports whether stderr is a terminal, where progress bars
// replace log lines.
func (a *app) interactive() bool {
	f, ok := a.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) && !a.quiet && a.logFormat == "text"
}

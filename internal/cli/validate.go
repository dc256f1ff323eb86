package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/ingest"
)

type validateOptions struct {
	file, kind, source string
	limit              int
}

func (a *app) validateCmd() *cobra.Command {
	var o validateOptions
	cmd := &cobra.Command{
		Use:   "validate FILE --kind KIND",
		Short: "Check one export against its kind without loading it, and print the problems",
		Long: `validate reads FILE as an export of KIND in a throwaway database and prints
every rejected row (line or sheet row, column, value, reason). When a
configuration is found, the mapping of the source named by --source (or the
first source of that kind) applies. Exit 3 when the file cannot be read or
its rejected share is above the reject threshold.`,
		Example: `  salesops validate erp/contracts-2026.csv --kind sales`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.file = args[0]
			return a.runValidate(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.kind, "kind", "", "the kind of export: "+strings.Join(config.Kinds, ", "))
	cmd.Flags().StringVar(&o.source, "source", "", "take the mapping (columns, values, date layout...) of this configured source")
	cmd.Flags().IntVar(&o.limit, "limit", 100, "print at most N rejects (0: all)")
	_ = cmd.MarkFlagRequired("kind")
	return cmd
}

func (a *app) runValidate(ctx context.Context, o validateOptions) error {
	if !slices.Contains(config.Kinds, o.kind) {
		return usageErr("--kind %q; want one of %s", o.kind, strings.Join(config.Kinds, ", "))
	}
	cfg, err := a.loadConfig()
	switch {
	case err == nil:
	case errors.Is(err, os.ErrNotExist) && o.source == "":
		cfg = config.Default() // no configuration: the built-in aliases only
		cfg.Location, _ = time.LoadLocation(cfg.Timezone)
	default:
		return err
	}
	var src config.Source
	for _, s := range cfg.Sources {
		if (o.source != "" && s.Name == o.source) || (o.source == "" && s.Kind == o.kind) {
			src = s
			break
		}
	}
	if o.source != "" && src.Name == "" {
		return usageErr("--source %q is not in the configuration", o.source)
	}
	rep, rejects, verr := ingest.Validate(ctx, o.file, o.kind, src, cfg, ingest.Options{Log: a.log, Now: a.now})
	if err := rep.WriteTextIn(a.stdout, a.lang); err != nil {
		return err
	}
	for i, r := range rejects {
		if o.limit > 0 && i == o.limit {
			fmt.Fprintln(a.stdout, a.lang.T("reject.more", len(rejects)-i))
			break
		}
		fmt.Fprintf(a.stdout, "  %s\n", r.TextIn(a.lang))
	}
	return verr
}

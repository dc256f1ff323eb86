package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// versionCmd prints what --version prints, for those who type it as a
// command.
func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the salesops version, VCS revision, Go toolchain and platform (as --version)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(a.stdout, a.build.String())
			return err
		},
	}
}

// versionColumn is a run's build as the runs table shows it: the module
// version alone (a pseudo-version already holds the revision and +dirty);
// `runs --show N` prints the whole label.
func versionColumn(label string) string {
	v, _, _ := strings.Cut(strings.TrimPrefix(label, "salesops "), " ")
	return v
}

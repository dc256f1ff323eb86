package cli

import (
	"fmt"

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

package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) runCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "run",
		Short: "(being built)",
		RunE:  func(cmd *cobra.Command, args []string) error { return errors.New("run: not built yet") },
	}
}

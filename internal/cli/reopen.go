package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) reopenCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reopen",
		Short: "(being built)",
		RunE:  func(cmd *cobra.Command, args []string) error { return errors.New("reopen: not built yet") },
	}
}

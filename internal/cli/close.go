package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) closeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "close",
		Short: "(being built)",
		RunE:  func(cmd *cobra.Command, args []string) error { return errors.New("close: not built yet") },
	}
}

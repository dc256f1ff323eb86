package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) transformCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "transform",
		Short: "(being built)",
		RunE:  func(cmd *cobra.Command, args []string) error { return errors.New("transform: not built yet") },
	}
}

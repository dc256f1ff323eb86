package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) validateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate",
		Short: "(being built)",
		RunE:  func(cmd *cobra.Command, args []string) error { return errors.New("validate: not built yet") },
	}
}

package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) demoCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "(being built)",
		RunE:  func(cmd *cobra.Command, args []string) error { return errors.New("demo: not built yet") },
	}
}

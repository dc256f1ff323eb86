package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) scheduleCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schedule",
		Short: "(being built)",
		RunE:  func(cmd *cobra.Command, args []string) error { return errors.New("schedule: not built yet") },
	}
}

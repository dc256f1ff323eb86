package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) ingestCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "ingest",
		Short: "(being built)",
		RunE:  func(cmd *cobra.Command, args []string) error { return errors.New("ingest: not built yet") },
	}
}

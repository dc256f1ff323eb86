package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/config"
)

type initOptions struct{ dir string }

func (a *app) initCmd() *cobra.Command {
	var o initOptions
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented starter salesops.yaml and the drop folders it names",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = "."
			if len(args) == 1 {
				o.dir = args[0]
			}
			return a.runInit(o)
		},
	}
}

func (a *app) runInit(o initOptions) error {
	path, err := config.WriteStarter(o.dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote %s\nput exports in its drop folders, then: salesops --config %s run monthly-bonus\n", path, path)
	return nil
}

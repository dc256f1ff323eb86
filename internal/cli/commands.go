package cli

import "github.com/spf13/cobra"

// commands lists the subcommands, one file each.
func (a *app) commands() []*cobra.Command {
	return []*cobra.Command{
		a.demoCmd(),
		a.initCmd(),
		a.ingestCmd(),
		a.validateCmd(),
		a.transformCmd(),
		a.runCmd(),
		a.closeCmd(),
		a.reopenCmd(),
		a.approveCmd(),
		a.statementsCmd(),
		a.modelCmd(),
		a.auditCmd(),
		a.scheduleCmd(),
		a.runsCmd(),
		a.queryCmd(),
		a.exportCmd(),
		a.vacuumCmd(),
		a.versionCmd(),
	}
}

package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/faults"
)

// usageErr marks an error as bad usage (exit 2).
func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", faults.ErrUsage, fmt.Sprintf(format, args...))
}

// commandLine tells cobra's own errors from the commands' errors. Cobra
// checks the command name, flags, argument count and required flags
// before a command's RunE starts and returns plain errors, which would
// exit 1; everything that fails before RunE is a mistake on the command
// line, so markRunning flags the start of every RunE and usage turns what
// failed earlier into a usage error. One rule covers every present and
// future validator, instead of wrapping each command's Args by hand.
type commandLine struct{ running bool }

// markRunning wraps the RunE of cmd and of every subcommand below it.
func (l *commandLine) markRunning(cmd *cobra.Command) {
	if run := cmd.RunE; run != nil {
		cmd.RunE = func(c *cobra.Command, args []string) error {
			l.running = true
			return run(c, args)
		}
	}
	for _, c := range cmd.Commands() {
		l.markRunning(c)
	}
}

// usage returns err as a usage error naming the help to read, when it
// came from cobra before the command ran.
func (l *commandLine) usage(cmd *cobra.Command, err error) error {
	if err == nil || l.running || errors.Is(err, faults.ErrUsage) {
		return err
	}
	help := "salesops --help"
	if cmd != nil {
		help = cmd.CommandPath() + " --help"
	}
	return fmt.Errorf("%w: %v (see '%s')", faults.ErrUsage, err, help)
}

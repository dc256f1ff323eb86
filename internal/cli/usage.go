package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/period"
)

// usageErr marks an error as bad usage (exit 2).
func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", faults.ErrUsage, fmt.Sprintf(format, args...))
}

// checkMonth refuses a --period that is not one month: close, reopen,
// approve, statements and model act on a month's bonus.
func checkMonth(s string) error {
	if p, err := period.Parse(s); err != nil || p.Kind != period.Month {
		return usageErr("--period %q: want a month, YYYY-MM", s)
	}
	return nil
}

// Cobra checks the command name, the flags, the argument count and the
// required flags itself and returns plain errors, which would exit 1.
// Rather than wrap each command's Args by hand, the functions salesops
// gives cobra (RunE and the hooks) are wrapped so their errors carry a
// mark; an error without it is cobra's own, a mistake on the command
// line, and becomes a usage error. One rule covers every present and
// future validator, and an I/O error in a hook is never taken for usage.

// ownError marks an error returned by salesops's code, not by cobra.
type ownError struct{ err error }

func (e ownError) Error() string { return e.err.Error() }
func (e ownError) Unwrap() error { return e.err }

type runFunc = func(*cobra.Command, []string) error

func markOwn(f runFunc) runFunc {
	if f == nil {
		return nil
	}
	return func(c *cobra.Command, args []string) error {
		if err := f(c, args); err != nil {
			return ownError{err}
		}
		return nil
	}
}

// markOwnErrors wraps the functions of cmd and of every command below it.
func markOwnErrors(cmd *cobra.Command) {
	for _, f := range []*runFunc{&cmd.PersistentPreRunE, &cmd.PreRunE, &cmd.RunE, &cmd.PostRunE, &cmd.PersistentPostRunE} {
		*f = markOwn(*f)
	}
	for _, c := range cmd.Commands() {
		markOwnErrors(c)
	}
}

// commandLineError returns err without its mark, or, when cobra raised
// it, as a usage error naming the help of the command it was for.
func commandLineError(cmd *cobra.Command, err error) error {
	var own ownError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &own):
		return own.err
	case errors.Is(err, faults.ErrUsage):
		return err
	}
	help := "salesops --help"
	if cmd != nil {
		help = cmd.CommandPath() + " --help"
	}
	return fmt.Errorf("%w: %v (see '%s')", faults.ErrUsage, err, help)
}

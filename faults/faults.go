// Package faults names the kinds of failure that the command line maps to
// exit codes (cli.md). Packages wrap their errors with one of these
// sentinels (errors.Is finds them), keeping their own typed errors for the
// detail: file, line, column, value, reason.
package faults

import "errors"

var (
	// ErrUsage: bad usage or configuration (exit 2).
	ErrUsage = errors.New("bad usage or configuration")
	// ErrData: the data failed a rule: reject threshold, unreadable export,
	// failed data test (exit 3).
	ErrData = errors.New("the data failed a rule")
	// ErrLocked: another run holds the warehouse (exit 4).
	ErrLocked = errors.New("another run holds the warehouse")
	// ErrClosed: refused because a period is closed (exit 5).
	ErrClosed = errors.New("the period is closed")
	// ErrSource: a source could not be fetched (network, DNS, timeout,
	// HTTP status, refused redirect) (exit 6). Not ErrData: the export
	// may be fine, so the operator should look at the URL, network and
	// token instead.
	ErrSource = errors.New("a source could not be reached")
)

// Exit codes of cli.md (0–5); 6 is documented in README.md and
// docs/operations.md.
const (
	ExitOK         = 0
	ExitUnexpected = 1
	ExitUsage      = 2
	ExitData       = 3
	ExitLocked     = 4
	ExitClosed     = 5
	ExitSource     = 6
)

// ExitCode maps an error to the process exit code.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrUsage):
		return ExitUsage
	case errors.Is(err, ErrData):
		return ExitData
	case errors.Is(err, ErrLocked):
		return ExitLocked
	case errors.Is(err, ErrClosed):
		return ExitClosed
	case errors.Is(err, ErrSource):
		return ExitSource
	default:
		return ExitUnexpected
	}
}

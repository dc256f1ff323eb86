package bonus

import (
	"fmt"
	"time"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/period"
)

// SignedTime is how a sign-off time is shown to people: the configured
// time zone's wall clock with its offset, so a reader in Shanghai and one
// reading a UTC log agree on the instant.
const SignedTime = "2006-01-02 15:04 -07:00"

// Ends is the instant month p ends in loc: the start of the first day of
// the next month there. Finance closes a month once its last day has ended
// where the company keeps its books, not where the server's clock is.
func Ends(p string, loc *time.Location) (time.Time, error) {
	per, err := period.Parse(p)
	if err != nil || per.Kind != period.Month {
		return time.Time{}, fmt.Errorf("%w: --period %q: want a month, YYYY-MM", faults.ErrUsage, p)
	}
	next := per.First.AddDate(0, 1, 0)
	return time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, loc), nil
}

// NotEndedError refuses to close a month that has not ended (exit 2): its
// figures can still change, so the close would freeze a partial month.
type NotEndedError struct {
	Period string
	Ends   time.Time // in the configured time zone
}

func (e *NotEndedError) Error() string {
	return fmt.Sprintf("%s ends at %s; close it then, or use --force --reason TEXT", e.Period, e.Ends.Format(SignedTime))
}

// Is maps a NotEndedError to exit code 2.
func (e *NotEndedError) Is(target error) bool { return target == faults.ErrUsage }

// CheckEnded refuses to close month p before it has ended in loc at now.
func CheckEnded(p string, now time.Time, loc *time.Location) error {
	ends, err := Ends(p, loc)
	if err != nil {
		return err
	}
	if now.Before(ends) {
		return &NotEndedError{Period: p, Ends: ends}
	}
	return nil
}

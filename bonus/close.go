package bonus

import (
	"context"
	"fmt"
	"time"

	"github.com/salesops/salesops/faults"
)

// ClosedError refuses to change a closed month (exit 5).
type ClosedError struct {
	Period   string
	ClosedAt time.Time
}

func (e *ClosedError) Error() string {
	return fmt.Sprintf("period %s was closed on %s; reopen it first with: salesops reopen --period %s --reason TEXT",
		e.Period, e.ClosedAt.Format(time.RFC3339), e.Period)
}

// Is maps a ClosedError to exit code 5.
func (e *ClosedError) Is(target error) bool { return target == faults.ErrClosed }

// Frozen returns the frozen month of a closed period; ok is false when the
// period is open.
func Frozen(ctx context.Context, s Store, period string) (m Month, ok bool, err error) {
	rec, _, ok, err := s.Record(ctx, period)
	if err != nil || !ok {
		return Month{}, false, err
	}
	m, err = DecodeRecord(rec, period)
	if err != nil {
		return Month{}, false, fmt.Errorf("the frozen bonus of %s: %w", period, err)
	}
	if m, err = withApproval(ctx, s, m); err != nil {
		return Month{}, false, err
	}
	// The adjustments the close paid are the month's, like its rows: its
	// files list them after the close as they did before it.
	if m.Adjustments, err = s.Settled(ctx, period); err != nil {
		return Month{}, false, err
	}
	return m, true, nil
}

// Close freezes m, the month as the data gives it now: every rep row, the
// pool, the plan, the input fingerprint, the time and info. It returns the
// month as read back from its record, so what is published next is what
// was stored. A closed month is refused with a ClosedError.
func Close(ctx context.Context, s Store, m Month, info CloseInfo, runID int64, now time.Time) (Month, error) {
	if _, at, ok, err := s.Record(ctx, m.Period); err != nil {
		return Month{}, err
	} else if ok {
		return Month{}, &ClosedError{Period: m.Period, ClosedAt: at.In(now.Location())}
	}
	// now's location is the configured zone: the record says when in the
	// time the company keeps its books in.
	m.Closed = true
	m.ClosedAt = now.Format(time.RFC3339)
	info.ClosedAt = m.ClosedAt
	m.Close = &info
	// m.Adjustments stay: Freeze records them as paid by this month, so no
	// later month lists them as due again.
	rec, err := EncodeRecord(m)
	if err != nil {
		return Month{}, err
	}
	if err := s.Freeze(ctx, m, rec, runID, now); err != nil {
		return Month{}, err
	}
	frozen, ok, err := Frozen(ctx, s, m.Period)
	if err == nil && !ok {
		err = fmt.Errorf("closing %s: the record is not there after the close", m.Period)
	}
	return frozen, err
}

// Reopen lifts the freeze of period, recording why. Reopening an open
// month is a usage error.
func Reopen(ctx context.Context, s Store, period, reason string, runID int64, now time.Time) error {
	ok, err := s.Unfreeze(ctx, period, reason, runID, now)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: period %s is not closed", faults.ErrUsage, period)
	}
	return nil
}

// Adjustments lists, for an open month, each rep whose allocation for an
// earlier closed month differs from what the data gives now.
func Adjustments(ctx context.Context, s Store, period string) ([]Adjustment, error) {
	return s.Adjustments(ctx, period)
}

package bonus

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/salesops/salesops/faults"
)

// Approval is the second signature on a closed month: a person other than
// its closer confirms the frozen figures before payroll pays from them.
type Approval struct {
	By    string
	At    time.Time
	RunID int64 // the approve run
}

// Approvals keeps the approvals of closes. An approval belongs to one
// close (the close's run), so a reopen voids it without deleting anything
// and the next close needs a new one.
type Approvals interface {
	// Approval is the approval of period's current close; ok is false
	// when the period is open or its close is not approved.
	Approval(ctx context.Context, period string) (a Approval, ok bool, err error)
	// Approve records a for period's current close.
	Approve(ctx context.Context, period string, a Approval) error
	// ApprovalCleared records that a reopen (run runID, at, for reason)
	// voided a.
	ApprovalCleared(ctx context.Context, period string, a Approval, reason string, runID int64, at time.Time) error
}

// ApprovedError refuses a second approval of the same close (exit 5, as
// for any change to a closed month).
type ApprovedError struct {
	Period   string
	Approval Approval // At in the time zone it is shown in
}

func (e *ApprovedError) Error() string {
	return fmt.Sprintf("%s was already approved by %s at %s; to change it, reopen the month, close it and approve again",
		e.Period, e.Approval.By, e.Approval.At.Format(SignedTime))
}

// Is maps an ApprovedError to exit code 5.
func (e *ApprovedError) Is(target error) bool { return target == faults.ErrClosed }

// Approve records by's approval of period's close, at now (whose location
// is the zone times are shown in). The month must be closed, not yet
// approved, and by must not be its closer: the point of a second signature
// is a second person.
func Approve(ctx context.Context, s Store, period, by string, runID int64, now time.Time) (Month, Approval, error) {
	by = strings.TrimSpace(by)
	if by == "" {
		return Month{}, Approval{}, fmt.Errorf("%w: approving %s: --by must name the approver", faults.ErrUsage, period)
	}
	m, ok, err := Frozen(ctx, s, period)
	if err != nil {
		return Month{}, Approval{}, err
	}
	if !ok {
		return Month{}, Approval{}, fmt.Errorf("%w: %s is not closed: close it first (salesops close --period %s), then a second person approves it",
			faults.ErrUsage, period, period)
	}
	if a, ok, err := s.Approval(ctx, period); err != nil {
		return Month{}, Approval{}, err
	} else if ok {
		a.At = a.At.In(now.Location())
		return Month{}, Approval{}, &ApprovedError{Period: period, Approval: a}
	}
	closer := ""
	if m.Close != nil {
		closer = strings.TrimSpace(m.Close.ClosedBy)
	}
	switch {
	case closer == "":
		return Month{}, Approval{}, fmt.Errorf("%w: %s was closed before closes recorded who closed them, so a second person cannot be told apart: "+
			"reopen it and close it again (salesops close --period %s --by NAME)", faults.ErrUsage, period, period)
	case strings.EqualFold(closer, by):
		return Month{}, Approval{}, fmt.Errorf("%w: %s closed %s; the approval must come from a second person (--by another name)",
			faults.ErrUsage, closer, period)
	}
	a := Approval{By: by, At: now, RunID: runID}
	if err := s.Approve(ctx, period, a); err != nil {
		return Month{}, Approval{}, err
	}
	return signed(m, a), a, nil
}

// withApproval fills m's sign-off with the approval of its close, if any.
func withApproval(ctx context.Context, s Store, m Month) (Month, error) {
	a, ok, err := s.Approval(ctx, m.Period)
	if err != nil || !ok {
		return m, err
	}
	return signed(m, a), nil
}

// signed is m with approval a in its sign-off.
func signed(m Month, a Approval) Month {
	info := CloseInfo{}
	if m.Close != nil {
		info = *m.Close
	}
	info.ApprovedBy, info.ApprovedAt = a.By, a.At.Format(time.RFC3339)
	m.Close = &info
	return m
}

// In shows m's sign-off times (closed, approved) in loc, the configured
// zone, with its offset: a record keeps the instant, people read it where
// the books are kept.
func (m Month) In(loc *time.Location) Month {
	local := func(s string) string {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return s
		}
		return t.In(loc).Format(time.RFC3339)
	}
	m.ClosedAt = local(m.ClosedAt)
	if m.Close != nil {
		info := *m.Close
		info.ClosedAt, info.ApprovedAt = local(info.ClosedAt), local(info.ApprovedAt)
		if info.ClosedAt == "" {
			info.ClosedAt = m.ClosedAt
		}
		m.Close = &info
	}
	return m
}

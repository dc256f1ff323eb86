package jobs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/faults"
)

// SignOff is who signs a close, an approval or a reopen, and why.
type SignOff struct {
	By     string // the person; the command line defaults it to the OS user
	Force  bool   // close a month that has not ended yet; Reason says why
	Reason string // why a close was forced, or why a month is reopened
}

// SignOffRecord is what a close, approve or reopen run keeps in its
// history (the detail's "sign_off"), for `salesops runs`.
type SignOffRecord struct {
	Action     string `json:"action"` // close, approve, reopen
	By         string `json:"by"`
	At         string `json:"at"` // RFC 3339 in the configured time zone
	Forced     bool   `json:"forced,omitempty"`
	Reason     string `json:"reason,omitempty"`
	ClosedBy   string `json:"closed_by,omitempty"`   // approve, reopen: who had closed the month
	ApprovedBy string `json:"approved_by,omitempty"` // reopen: whose approval the reopen cleared
}

// clock is the business clock: it decides whether a month has ended.
func (r *Runner) clock() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// signedNow is the real time of a sign-off in the configured zone: what the
// history and the record keep, and how people are shown it.
func (j *job) signedNow() time.Time { return time.Now().In(j.Config.Location) }

// mayClose refuses, before the warehouse is locked, a close the sign-off
// does not allow: a month that has not ended, unless forced with a reason.
func (r *Runner) mayClose(p string, s SignOff) error {
	if strings.TrimSpace(s.By) == "" {
		return fmt.Errorf("%w: closing %s: --by must name who closes it", faults.ErrUsage, p)
	}
	if s.Force {
		if strings.TrimSpace(s.Reason) == "" {
			return fmt.Errorf("%w: closing %s with --force needs --reason TEXT saying why (it is recorded with the close)", faults.ErrUsage, p)
		}
		return nil
	}
	return bonus.CheckEnded(p, r.clock(), r.Config.Location)
}

// closeInfo is the sign-off the close of the month freezes with it.
func (j *job) closeInfo(s SignOff, at time.Time) bonus.CloseInfo {
	rec := SignOffRecord{Action: "close", By: s.By, At: at.Format(time.RFC3339), Forced: s.Force, Reason: s.Reason}
	j.detail["sign_off"] = rec
	note := fmt.Sprintf("%s closed by %s at %s", j.req.Period, s.By, at.Format(bonus.SignedTime))
	if s.Force {
		note += " (forced: " + s.Reason + ")"
	}
	j.out.Notes = append(j.out.Notes, note)
	return bonus.CloseInfo{ClosedBy: s.By, Reason: s.Reason, Version: runVersion(j.Build)}
}

// Approve records the second signature on closed month p and writes its
// payroll files, which bonus.require_approval withheld until now.
func (r *Runner) Approve(ctx context.Context, p string, s SignOff) (Outcome, error) {
	return r.withJob(ctx, Request{Job: "approve", Period: p}, func(ctx context.Context, j *job) error {
		at := j.signedNow()
		rec := SignOffRecord{Action: "approve", By: strings.TrimSpace(s.By), At: at.Format(time.RFC3339)}
		j.detail["sign_off"] = rec
		m, _, err := bonus.Approve(ctx, bonus.NewStore(j.w), p, s.By, j.runID, at)
		if err != nil {
			return err
		}
		if m.Close != nil {
			rec.ClosedBy = m.Close.ClosedBy
			j.detail["sign_off"] = rec
		}
		j.out.Closed = true
		j.out.Notes = append(j.out.Notes, fmt.Sprintf("%s approved by %s at %s (closed by %s)", p, rec.By, at.Format(bonus.SignedTime), rec.ClosedBy))
		if err := j.writeBonus(ctx, m, false); err != nil {
			return err
		}
		return j.index(ctx)
	})
}

// reopenSignOff records who reopens month p and why, and the approval the
// reopen voids (an approval belongs to one close).
func (j *job) reopenSignOff(ctx context.Context, p string, s SignOff) (bonus.Approval, bool, error) {
	at := j.signedNow()
	rec := SignOffRecord{Action: "reopen", By: s.By, At: at.Format(time.RFC3339), Reason: s.Reason}
	defer func() { j.detail["sign_off"] = rec }()
	store := bonus.NewStore(j.w)
	if m, ok, err := bonus.Frozen(ctx, store, p); err != nil || !ok {
		return bonus.Approval{}, false, err
	} else if m.Close != nil {
		rec.ClosedBy = m.Close.ClosedBy
	}
	a, ok, err := store.Approval(ctx, p)
	if ok {
		rec.ApprovedBy = a.By
	}
	return a, ok, err
}

// clearApproval records, after the reopen, that it voided approval a.
func (j *job) clearApproval(ctx context.Context, p string, a bonus.Approval, s SignOff) error {
	if err := bonus.NewStore(j.w).ApprovalCleared(ctx, p, a, s.Reason, j.runID, j.signedNow()); err != nil {
		return err
	}
	j.out.Notes = append(j.out.Notes, fmt.Sprintf("the approval by %s is cleared: the next close of %s needs a new one", a.By, p))
	return nil
}

// payrollWithheld says why the month's payroll files (the bonus CSV and
// JSON: what finance's payroll import reads) are not written now, or ""
// when they are. With bonus.require_approval they are written only for a
// closed month a second person approved.
func (j *job) payrollWithheld(ctx context.Context, b bonus.Month) (string, error) {
	if !j.Config.Bonus.RequireApproval {
		return "", nil
	}
	if !b.Closed {
		return fmt.Sprintf("%s is open: its bonus CSV and JSON are written once it is closed and approved (bonus.require_approval); the workbook is for review", b.Period), nil
	}
	if _, ok, err := bonus.NewStore(j.w).Approval(ctx, b.Period); err != nil || ok {
		return "", err
	}
	closer := "?"
	if b.Close != nil && b.Close.ClosedBy != "" {
		closer = b.Close.ClosedBy
	}
	return fmt.Sprintf("%s awaits approval (closed by %s): its bonus CSV and JSON are written once a second person approves it: salesops approve --period %s --by NAME",
		b.Period, closer, b.Period), nil
}

// withholdPayroll removes the payroll files an earlier run wrote (before a
// reopen, or before approval was required): a folder finance's import
// reads never holds payroll files of figures nobody approved.
func (j *job) withholdPayroll(base, why string) error {
	for _, ext := range []string{".csv", ".json"} {
		if err := os.Remove(base + ext); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing the unapproved %s: %w", base+ext, err)
		}
	}
	j.out.Notes = append(j.out.Notes, why)
	j.log.Info("payroll files withheld", "why", why)
	return nil
}

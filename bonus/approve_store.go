package bonus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// The warehouse keeps approvals in period_approvals, each tied to the run of
// the close it approves (period_closes.run_id).

func (s warehouseStore) Approval(ctx context.Context, period string) (Approval, bool, error) {
	var a Approval
	var run sql.NullInt64
	err := s.w.DB.QueryRowContext(ctx, `SELECT a.approved_by, a.approved_at, a.run_id
		FROM period_approvals a JOIN period_closes c ON c.period = a.period AND c.run_id = a.close_run_id
		WHERE a.period = ? ORDER BY a.approved_at DESC LIMIT 1`, period).Scan(&a.By, &a.At, &run)
	if errors.Is(err, sql.ErrNoRows) {
		return Approval{}, false, nil
	}
	if err != nil {
		return Approval{}, false, fmt.Errorf("reading the approval of %s: %w", period, err)
	}
	a.RunID = run.Int64
	return a, true, nil
}

func (s warehouseStore) Approve(ctx context.Context, period string, a Approval) error {
	return s.w.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO period_approvals (period, close_run_id, approved_by, approved_at, run_id)
			SELECT period, run_id, ?, ?, ? FROM period_closes WHERE period = ?`, a.By, a.At.UTC(), a.RunID, period)
		if err != nil {
			return fmt.Errorf("approving %s: %w", period, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("approving %s: no close to approve (%d, %v)", period, n, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO period_events (period, event, event_at, reason, run_id) VALUES (?, 'approve', ?, ?, ?)`,
			period, a.At.UTC(), "approved by "+a.By, a.RunID); err != nil {
			return fmt.Errorf("approving %s: %w", period, err)
		}
		return nil
	})
}

func (s warehouseStore) ApprovalCleared(ctx context.Context, period string, a Approval, reason string, runID int64, at time.Time) error {
	_, err := s.w.DB.ExecContext(ctx, `INSERT INTO period_events (period, event, event_at, reason, run_id) VALUES (?, 'approval cleared', ?, ?, ?)`,
		period, at.UTC(), fmt.Sprintf("the approval by %s of %s was cleared by the reopen: %s", a.By, a.At.UTC().Format(time.RFC3339), reason), runID)
	if err != nil {
		return fmt.Errorf("recording that reopening %s cleared its approval: %w", period, err)
	}
	return nil
}

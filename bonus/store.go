package bonus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/salesops/salesops/warehouse"
)

// Store keeps the closed months: their frozen records and the history of
// closes and reopens. The lifecycle in close.go is written against it; the
// warehouse's tables period_closes, closed_bonus_rows and period_events
// implement it (NewStore).
type Store interface {
	// Record returns the frozen record of period and when it was closed;
	// ok is false when the period is open.
	Record(ctx context.Context, period string) (record []byte, closedAt time.Time, ok bool, err error)
	// Freeze stores m, already marked closed, as record.
	Freeze(ctx context.Context, m Month, record []byte, runID int64, at time.Time) error
	// Unfreeze removes the freeze of period; ok is false when it was open.
	Unfreeze(ctx context.Context, period, reason string, runID int64, at time.Time) (ok bool, err error)
	// Adjustments lists what each closed month before period would pay now
	// beyond what it and the closes since paid.
	Adjustments(ctx context.Context, period string) ([]Adjustment, error)
	// Settled lists the adjustments the close of period paid.
	Settled(ctx context.Context, period string) ([]Adjustment, error)
	// Views returns the report inputs frozen with the close of period
	// (none for a month closed before they were kept).
	Views(ctx context.Context, period string) (map[string][]byte, error)
	// Reopened says when period was last reopened and why; ok is false
	// when it never was, or was closed again since.
	Reopened(ctx context.Context, period string) (at time.Time, reason string, ok bool, err error)
	// Approvals keeps the second signatures on closes (approve.go).
	Approvals
}

// NewStore is the Store of the warehouse w.
func NewStore(w *warehouse.Warehouse) Store { return warehouseStore{w} }

type warehouseStore struct{ w *warehouse.Warehouse }

func (s warehouseStore) Record(ctx context.Context, period string) ([]byte, time.Time, bool, error) {
	var summary string
	var at time.Time
	err := s.w.DB.QueryRowContext(ctx, "SELECT summary, closed_at FROM period_closes WHERE period = ?", period).Scan(&summary, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, fmt.Errorf("reading the close of %s: %w", period, err)
	}
	return []byte(summary), at, true, nil
}

func (s warehouseStore) Freeze(ctx context.Context, m Month, record []byte, runID int64, at time.Time) error {
	plan, err := json.Marshal(m.Plan)
	if err != nil {
		return fmt.Errorf("closing %s: %w", m.Period, err)
	}
	return s.w.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO period_closes VALUES (?, ?, ?, ?, ?, ?)`,
			m.Period, at.UTC(), runID, m.Fingerprint, string(plan), string(record)); err != nil {
			return fmt.Errorf("closing %s: %w", m.Period, err)
		}
		for _, r := range m.Rows {
			row, err := json.Marshal(r)
			if err != nil {
				return fmt.Errorf("closing %s: %w", m.Period, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO closed_bonus_rows VALUES (?, ?, ?, ?::DECIMAL(18,2))`,
				m.Period, r.RepID, string(row), r.Allocation.String()); err != nil {
				return fmt.Errorf("closing %s: %w", m.Period, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO period_events VALUES (?, 'close', ?, NULL, ?)`, m.Period, at.UTC(), runID); err != nil {
			return fmt.Errorf("closing %s: %w", m.Period, err)
		}
		return freezeExtras(ctx, tx, m)
	})
}

func (s warehouseStore) Unfreeze(ctx context.Context, period, reason string, runID int64, at time.Time) (bool, error) {
	found := false
	err := s.w.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM period_closes WHERE period = ?", period)
		if err != nil {
			return fmt.Errorf("reopening %s: %w", period, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		found = true
		if _, err := tx.ExecContext(ctx, "DELETE FROM closed_bonus_rows WHERE period = ?", period); err != nil {
			return fmt.Errorf("reopening %s: %w", period, err)
		}
		if err := unfreezeExtras(ctx, tx, period); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO period_events VALUES (?, 'reopen', ?, ?, ?)`, period, at.UTC(), reason, runID); err != nil {
			return fmt.Errorf("reopening %s: %w", period, err)
		}
		return nil
	})
	return found, err
}

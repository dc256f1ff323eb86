package bonus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/money"
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
	// Adjustments lists what each closed month before period would pay now.
	Adjustments(ctx context.Context, period string) ([]Adjustment, error)
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
		return nil
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
		if _, err := tx.ExecContext(ctx, `INSERT INTO period_events VALUES (?, 'reopen', ?, ?, ?)`, period, at.UTC(), reason, runID); err != nil {
			return fmt.Errorf("reopening %s: %w", period, err)
		}
		return nil
	})
	return found, err
}

func (s warehouseStore) Adjustments(ctx context.Context, period string) ([]Adjustment, error) {
	rows, err := s.w.DB.QueryContext(ctx, `
		SELECT coalesce(f.period, a.period) AS closed_period, coalesce(f.rep_id, a.rep_id) AS rep_id,
		       coalesce(f.allocation, 0)::DECIMAL(18,2), coalesce(a.allocation, 0)::DECIMAL(18,2)
		FROM (SELECT r.* FROM closed_bonus_rows r WHERE r.period < ?) f
		FULL OUTER JOIN (SELECT a.period, a.rep_id, a.allocation FROM bonus_allocations a
		                 WHERE a.period IN (SELECT period FROM period_closes WHERE period < ?)) a
		  ON a.period = f.period AND a.rep_id = f.rep_id
		WHERE coalesce(f.allocation, 0) <> coalesce(a.allocation, 0)
		ORDER BY 1, 2`, period, period)
	if err != nil {
		return nil, fmt.Errorf("computing adjustments to closed months: %w", err)
	}
	defer rows.Close()
	var out []Adjustment
	for rows.Next() {
		var a Adjustment
		var fz, cur duckdb.Decimal
		if err := rows.Scan(&a.ClosedPeriod, &a.RepID, &fz, &cur); err != nil {
			return nil, fmt.Errorf("computing adjustments to closed months: %w", err)
		}
		if err := scanCents([]*money.Cents{&a.Frozen, &a.Current}, []duckdb.Decimal{fz, cur}); err != nil {
			return nil, fmt.Errorf("adjustment of %s %s: %w", a.ClosedPeriod, a.RepID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

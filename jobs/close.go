package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/reports"
	"github.com/salesops/salesops/warehouse"
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

// frozen returns the frozen bonus of a closed month.
func frozen(ctx context.Context, db *sql.DB, period string) (reports.Bonus, bool, error) {
	var summary string
	err := db.QueryRowContext(ctx, "SELECT summary FROM period_closes WHERE period = ?", period).Scan(&summary)
	if errors.Is(err, sql.ErrNoRows) {
		return reports.Bonus{}, false, nil
	}
	if err != nil {
		return reports.Bonus{}, false, fmt.Errorf("reading the close of %s: %w", period, err)
	}
	var b reports.Bonus
	if err := json.Unmarshal([]byte(summary), &b); err != nil {
		return b, false, fmt.Errorf("the frozen bonus of %s is unreadable: %w", period, err)
	}
	return b, true, nil
}

// freeze stores the month's bonus as it stands: every rep row, the pool,
// the plan, the input fingerprint and the time.
func freeze(ctx context.Context, w *warehouse.Warehouse, b reports.Bonus, runID int64, now time.Time) error {
	if _, ok, err := frozen(ctx, w.DB, b.Period); err != nil {
		return err
	} else if ok {
		var at time.Time
		_ = w.DB.QueryRowContext(ctx, "SELECT closed_at FROM period_closes WHERE period = ?", b.Period).Scan(&at)
		return &ClosedError{Period: b.Period, ClosedAt: at}
	}
	b.Closed = true
	b.ClosedAt = now.UTC().Format(time.RFC3339)
	b.Adjustments = nil
	summary, err := json.Marshal(b)
	if err != nil {
		return err
	}
	plan, err := json.Marshal(b.Plan)
	if err != nil {
		return err
	}
	return w.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO period_closes VALUES (?, ?, ?, ?, ?, ?)`,
			b.Period, now.UTC(), runID, b.Fingerprint, string(plan), string(summary)); err != nil {
			return fmt.Errorf("closing %s: %w", b.Period, err)
		}
		for _, r := range b.Rows {
			row, _ := json.Marshal(r)
			if _, err := tx.ExecContext(ctx, `INSERT INTO closed_bonus_rows VALUES (?, ?, ?, ?::DECIMAL(18,2))`,
				b.Period, r.RepID, string(row), r.Allocation.String()); err != nil {
				return fmt.Errorf("closing %s: %w", b.Period, err)
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO period_events VALUES (?, 'close', ?, NULL, ?)`, b.Period, now.UTC(), runID)
		return err
	})
}

// reopen removes the freeze of period and records why.
func reopen(ctx context.Context, w *warehouse.Warehouse, period, reason string, runID int64, now time.Time) error {
	return w.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM period_closes WHERE period = ?", period)
		if err != nil {
			return fmt.Errorf("reopening %s: %w", period, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: period %s is not closed", faults.ErrUsage, period)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM closed_bonus_rows WHERE period = ?", period); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO period_events VALUES (?, 'reopen', ?, ?, ?)`, period, now.UTC(), reason, runID)
		return err
	})
}

// adjustments compares every closed month before period with what it
// would pay now, listing each rep whose allocation differs.
func adjustments(ctx context.Context, db *sql.DB, period string) ([]reports.Adjustment, error) {
	rows, err := db.QueryContext(ctx, `
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
	var out []reports.Adjustment
	for rows.Next() {
		var a reports.Adjustment
		var fz, cur duckdb.Decimal
		if err := rows.Scan(&a.ClosedPeriod, &a.RepID, &fz, &cur); err != nil {
			return nil, err
		}
		if a.Frozen, err = money.FromUnscaled(fz.Value, fz.Scale); err != nil {
			return nil, err
		}
		if a.Current, err = money.FromUnscaled(cur.Value, cur.Scale); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

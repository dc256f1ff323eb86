package bonus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/money"
)

// freezeExtras keeps, in the close's transaction, what the month's files
// read besides the record: the adjustments the close pays (so no later
// month lists them as due again) and the report inputs (m.Views).
func freezeExtras(ctx context.Context, tx *sql.Tx, m Month) error {
	for _, a := range m.Adjustments {
		if _, err := tx.ExecContext(ctx, `INSERT INTO closed_adjustments VALUES (?, ?, ?, ?::DECIMAL(18,2), ?::DECIMAL(18,2), ?::DECIMAL(18,2))`,
			m.Period, a.ClosedPeriod, a.RepID, a.Frozen.String(), a.Current.String(), a.Difference().String()); err != nil {
			return fmt.Errorf("closing %s: recording the adjustment to %s %s: %w", m.Period, a.ClosedPeriod, a.RepID, err)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(m.Views)) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO closed_views VALUES (?, ?, ?)`, m.Period, name, string(m.Views[name])); err != nil {
			return fmt.Errorf("closing %s: freezing its %s: %w", m.Period, name, err)
		}
	}
	for _, st := range m.ViewLines {
		if _, err := tx.ExecContext(ctx, st.SQL, st.Args...); err != nil {
			return fmt.Errorf("closing %s: freezing the lines of its reports: %w", m.Period, err)
		}
	}
	return nil
}

// unfreezeExtras lifts them with the record: a reopened month renders
// live again, and the adjustments it paid are due again.
func unfreezeExtras(ctx context.Context, tx *sql.Tx, period string) error {
	for _, q := range []string{`DELETE FROM closed_adjustments WHERE period_paid = ?`, `DELETE FROM closed_views WHERE period = ?`,
		`DELETE FROM closed_detail_lines WHERE period = ?`} {
		if _, err := tx.ExecContext(ctx, q, period); err != nil {
			return fmt.Errorf("reopening %s: %w", period, err)
		}
	}
	return nil
}

// adjustmentsQuery compares each closed month before ? with what the data
// gives now, less what the closes of other months already paid for it.
const adjustmentsQuery = `
	WITH f AS (SELECT period, rep_id, allocation FROM closed_bonus_rows WHERE period < $1),
	     a AS (SELECT period, rep_id, allocation FROM bonus_allocations
	           WHERE period IN (SELECT period FROM period_closes WHERE period < $1)),
	     s AS (SELECT closed_period, rep_id, sum(amount) AS settled FROM closed_adjustments
	           WHERE period_paid <> $1 GROUP BY closed_period, rep_id),
	     d AS (SELECT coalesce(f.period, a.period) AS closed_period, coalesce(f.rep_id, a.rep_id) AS rep_id,
	                  coalesce(f.allocation, 0) AS frozen, coalesce(a.allocation, 0) AS current
	           FROM f FULL OUTER JOIN a ON a.period = f.period AND a.rep_id = f.rep_id)
	SELECT d.closed_period, d.rep_id, d.frozen::DECIMAL(18,2), d.current::DECIMAL(18,2), coalesce(s.settled, 0)::DECIMAL(18,2)
	FROM d LEFT JOIN s ON s.closed_period = d.closed_period AND s.rep_id = d.rep_id
	WHERE d.current - d.frozen - coalesce(s.settled, 0) <> 0
	ORDER BY 1, 2`

func (s warehouseStore) Adjustments(ctx context.Context, period string) ([]Adjustment, error) {
	out, err := s.adjustments(ctx, adjustmentsQuery, period)
	if err != nil {
		return nil, fmt.Errorf("computing adjustments to closed months: %w", err)
	}
	return out, nil
}

func (s warehouseStore) Settled(ctx context.Context, period string) ([]Adjustment, error) {
	out, err := s.adjustments(ctx, `SELECT closed_period, rep_id, frozen, current, current - frozen - amount
		FROM closed_adjustments WHERE period_paid = ? ORDER BY closed_period, rep_id`, period)
	if err != nil {
		return nil, fmt.Errorf("reading the adjustments the close of %s paid: %w", period, err)
	}
	return out, nil
}

// adjustments runs q, whose columns are closed_period, rep_id, frozen,
// current and settled.
func (s warehouseStore) adjustments(ctx context.Context, q string, args ...any) ([]Adjustment, error) {
	rows, err := s.w.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Adjustment
	for rows.Next() {
		var a Adjustment
		var fz, cur, set duckdb.Decimal
		if err := rows.Scan(&a.ClosedPeriod, &a.RepID, &fz, &cur, &set); err != nil {
			return nil, err
		}
		if err := scanCents([]*money.Cents{&a.Frozen, &a.Current, &a.Settled}, []duckdb.Decimal{fz, cur, set}); err != nil {
			return nil, fmt.Errorf("adjustment of %s %s: %w", a.ClosedPeriod, a.RepID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s warehouseStore) Views(ctx context.Context, period string) (map[string][]byte, error) {
	rows, err := s.w.DB.QueryContext(ctx, `SELECT name, payload FROM closed_views WHERE period = ?`, period)
	if err != nil {
		return nil, fmt.Errorf("reading the frozen reports of %s: %w", period, err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var name, payload string
		if err := rows.Scan(&name, &payload); err != nil {
			return nil, fmt.Errorf("reading the frozen reports of %s: %w", period, err)
		}
		out[name] = []byte(payload)
	}
	return out, rows.Err()
}

func (s warehouseStore) Reopened(ctx context.Context, period string) (time.Time, string, bool, error) {
	var event, reason sql.NullString
	var at time.Time
	err := s.w.DB.QueryRowContext(ctx, `SELECT event, event_at, reason FROM period_events WHERE period = ?
		ORDER BY event_at DESC, rowid DESC LIMIT 1`, period).Scan(&event, &at, &reason)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, "", false, nil
	}
	if err != nil {
		return time.Time{}, "", false, fmt.Errorf("reading the history of %s: %w", period, err)
	}
	return at, reason.String, event.String == "reopen", nil
}

// Reopened says when period was last reopened and why, while it is open.
func Reopened(ctx context.Context, s Store, period string) (at time.Time, reason string, ok bool, err error) {
	return s.Reopened(ctx, period)
}

// Views are the report inputs frozen with the close of period.
func Views(ctx context.Context, s Store, period string) (map[string][]byte, error) {
	return s.Views(ctx, period)
}

package warehouse

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// AbandonRunning marks every run still recorded as running as abandoned and
// returns them as they were. Only a process that holds the warehouse lock may
// call it: holding the lock proves no other process is running a job, so a
// running row can only be one whose process died. note becomes the error
// text of each, after the dead process's pid and host.
func (w *Warehouse) AbandonRunning(ctx context.Context, note string) ([]Run, error) {
	running, err := w.runningRuns(ctx)
	if err != nil {
		return nil, err
	}
	var out []Run
	for _, r := range running {
		who := "its process"
		if r.PID != 0 {
			who = fmt.Sprintf("its process (pid %d on %s)", r.PID, r.Host)
		}
		r.Error = who + " ended without finishing it; " + note
		if _, err := w.DB.ExecContext(ctx, `UPDATE runs SET status = ?, error = ? WHERE run_id = ? AND status = ?`,
			StatusAbandoned, r.Error, r.ID, StatusRunning); err != nil {
			return out, fmt.Errorf("marking run %d abandoned: %w", r.ID, err)
		}
		r.Status = StatusAbandoned
		out = append(out, r)
	}
	return out, nil
}

// runningRuns are the runs recorded as running, oldest first. Only what
// recovery logs and journals is read: the history can be long.
func (w *Warehouse) runningRuns(ctx context.Context) ([]Run, error) {
	rows, err := w.DB.QueryContext(ctx, `SELECT run_id, job, coalesce(period, ''), coalesce(trigger, ''), scheduled_at, started_at,
		coalesce(pid, 0), coalesce(host, '') FROM runs WHERE status = ? ORDER BY run_id`, StatusRunning)
	if err != nil {
		return nil, fmt.Errorf("reading the runs left running: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r := Run{Status: StatusRunning}
		var sched, started sql.NullTime
		if err := rows.Scan(&r.ID, &r.Job, &r.Period, &r.Trigger, &sched, &started, &r.PID, &r.Host); err != nil {
			return nil, fmt.Errorf("reading the runs left running: %w", err)
		}
		r.ScheduledAt, r.StartedAt = sched.Time, started.Time
		out = append(out, r)
	}
	return out, rows.Err()
}

// RefusedKeys are the journal keys of the refused attempts already in the
// history (Detail {"journal_key": …}), so each is imported once.
func (w *Warehouse) RefusedKeys(ctx context.Context) (map[string]bool, error) {
	rows, err := w.DB.QueryContext(ctx, `SELECT coalesce(detail, '') FROM runs WHERE status = ?`, StatusRefused)
	if err != nil {
		return nil, fmt.Errorf("reading the refused runs: %w", err)
	}
	defer rows.Close()
	keys := map[string]bool{}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, fmt.Errorf("reading the refused runs: %w", err)
		}
		var v struct {
			Key string `json:"journal_key"`
		}
		if json.Unmarshal([]byte(d), &v) == nil && v.Key != "" {
			keys[v.Key] = true
		}
	}
	return keys, rows.Err()
}

// hasColumn says whether table has column (in schema main).
func (w *Warehouse) hasColumn(ctx context.Context, table, column string) (bool, error) {
	var n int
	err := w.DB.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_columns()
		WHERE schema_name = 'main' AND table_name = ? AND column_name = ?`, table, column).Scan(&n)
	if err != nil && err != sql.ErrNoRows {
		return false, fmt.Errorf("reading the columns of %s: %w", table, err)
	}
	return n > 0, nil
}

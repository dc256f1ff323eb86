package warehouse

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Run is one row of the run history.
type Run struct {
	ID          int64
	Job         string
	Period      string
	Trigger     string
	ScheduledAt time.Time // zero for manual runs
	StartedAt   time.Time
	FinishedAt  time.Time // zero while running
	Status      string    // running, ok, failed, cancelled, refused, abandoned
	Error       string
	Fingerprint string
	Rows        int64
	Outputs     []string
	Detail      string // JSON: the ingest report and job specifics
	PID         int    // the process that ran it (0 before schema columns pid, host)
	Host        string
	Version     string // the salesops build that ran it ("" before schema column version)
}

// Statuses a run can end with besides ok, failed and cancelled.
const (
	StatusRunning = "running"
	// StatusAbandoned: the process ended without finishing the run (killed,
	// crashed, the machine lost power); found at the next start.
	StatusAbandoned = "abandoned"
	// StatusRefused: another process held the warehouse.
	StatusRefused = "refused"
)

// StartRun records a run as running and returns its id.
func (w *Warehouse) StartRun(ctx context.Context, r Run) (int64, error) {
	var id int64
	err := w.DB.QueryRowContext(ctx, `INSERT INTO runs (run_id, job, period, trigger, scheduled_at, started_at, status, pid, host, version)
		VALUES (nextval('run_seq'), ?, ?, ?, ?, ?, 'running', ?, ?, ?) RETURNING run_id`,
		r.Job, r.Period, r.Trigger, nullTime(r.ScheduledAt), r.StartedAt.UTC(), nullInt(r.PID), nullString(r.Host), nullString(r.Version)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("recording the start of %s %s: %w", r.Job, r.Period, err)
	}
	return id, nil
}

// FinishRun records how run id ended.
func (w *Warehouse) FinishRun(ctx context.Context, r Run) error {
	outputs, err := json.Marshal(r.Outputs)
	if err != nil {
		return err
	}
	_, err = w.DB.ExecContext(ctx, `UPDATE runs SET finished_at = ?, status = ?, error = ?, fingerprint = ?,
		rows = ?, outputs = ?, detail = ? WHERE run_id = ?`,
		r.FinishedAt.UTC(), r.Status, nullString(r.Error), nullString(r.Fingerprint), r.Rows, string(outputs), nullString(r.Detail), r.ID)
	if err != nil {
		return fmt.Errorf("recording the end of run %d: %w", r.ID, err)
	}
	return nil
}

// RecordRun inserts a finished run in one step (for runs that failed before
// they could be started, such as a panic caught by the scheduler).
func (w *Warehouse) RecordRun(ctx context.Context, r Run) (int64, error) {
	id, err := w.StartRun(ctx, r)
	if err != nil {
		return 0, err
	}
	r.ID = id
	return id, w.FinishRun(ctx, r)
}

// Runs lists the run history, newest first; limit ≤ 0 means all.
func (w *Warehouse) Runs(ctx context.Context, limit int) ([]Run, error) {
	// A file no salesops of this version has written yet lacks pid and
	// host, and a read-only open cannot add them.
	proc := "NULL, NULL"
	if ok, err := w.hasColumn(ctx, "runs", "pid"); err != nil {
		return nil, err
	} else if ok {
		proc = "pid, host"
	}
	version := "NULL"
	if ok, err := w.hasColumn(ctx, "runs", "version"); err != nil {
		return nil, err
	} else if ok {
		version = "version"
	}
	q := `SELECT run_id, job, coalesce(period, ''), coalesce(trigger, ''), scheduled_at, started_at, finished_at,
		coalesce(status, ''), coalesce(error, ''), coalesce(fingerprint, ''), coalesce(rows, 0), coalesce(outputs, '[]'), coalesce(detail, ''),
		` + proc + `, ` + version + ` FROM runs ORDER BY run_id DESC`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := w.DB.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("reading the run history: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var sched, started, finished sql.NullTime
		var outputs string
		var pid sql.NullInt64
		var host, version sql.NullString
		if err := rows.Scan(&r.ID, &r.Job, &r.Period, &r.Trigger, &sched, &started, &finished, &r.Status, &r.Error, &r.Fingerprint, &r.Rows, &outputs, &r.Detail, &pid, &host, &version); err != nil {
			return nil, fmt.Errorf("reading the run history: %w", err)
		}
		r.PID, r.Host, r.Version = int(pid.Int64), host.String, version.String
		r.ScheduledAt, r.StartedAt, r.FinishedAt = sched.Time, started.Time, finished.Time
		if err := json.Unmarshal([]byte(outputs), &r.Outputs); err != nil {
			return nil, fmt.Errorf("run %d outputs: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastScheduled is the latest scheduled time among runs of job that the
// scheduler started (trigger schedule or catch-up) and that ended ok or
// failed. A failed run had its retries; a run that is still marked running
// (its process may be dead), was abandoned, cancelled at shutdown or refused
// did not do its slot, so catch-up must run it again. attempted says whether
// the scheduler ever started job at all: when only such runs exist the time
// is zero and attempted is true.
func (w *Warehouse) LastScheduled(ctx context.Context, job string) (last time.Time, attempted bool, err error) {
	var t sql.NullTime
	var n int64
	err = w.DB.QueryRowContext(ctx, `SELECT max(scheduled_at) FILTER (WHERE status IN ('ok', 'failed')), count(*) FROM runs
		WHERE job = ? AND trigger IN ('schedule', 'catch-up')`, job).Scan(&t, &n)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("reading the last scheduled %s: %w", job, err)
	}
	if !t.Valid {
		return time.Time{}, n > 0, nil
	}
	return t.Time.UTC(), true, nil
}

// Fingerprint identifies the data in the warehouse: a SHA-256 over the
// content hashes of every file whose rows were committed, in order. Two
// warehouses loaded from the same files have the same fingerprint.
func (w *Warehouse) Fingerprint(ctx context.Context) (string, error) {
	rows, err := w.DB.QueryContext(ctx, `SELECT DISTINCT content_hash FROM ingest_files
		WHERE status = 'loaded' AND content_hash IS NOT NULL ORDER BY content_hash`)
	if err != nil {
		return "", fmt.Errorf("computing the input fingerprint: %w", err)
	}
	defer rows.Close()
	h := sha256.New()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		h.Write([]byte(s))
		h.Write([]byte{'\n'})
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

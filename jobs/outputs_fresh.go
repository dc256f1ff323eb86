package jobs

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/reports"
	"github.com/salesops/salesops/warehouse"
)

// A rerun with nothing new need not write its files again: they would
// come out byte for byte the same (TestRerunsWriteWhatAColdRunWrites), and
// at ten million deals writing them is most of such a run. The key below
// names everything a job's files are made from; a run records it with a
// hash of each file it wrote, and the next run of the same job and period
// with the same key, whose files are all still there unchanged, keeps
// them and says so. Anything the key cannot name (a build without a VCS
// revision or readable executable) means write.

// outputsKey names what job j's files are made from: the job, its period
// and as_of, the configuration (and, when it asks for PDFs, whether
// Chromium is there to print them), the code, what the transform built (every
// model's fingerprint), the canonical tables' stamps, and every other
// table of the warehouse the reports may read (closes, approvals, audit
// responses, rejects, the audit scores for the jobs that write the
// dashboard: hashed).
func (j *job) outputsKey(ctx context.Context) (string, error) {
	code := buildinfo.CodeID()
	if code == "" {
		return "", nil
	}
	cfg, err := json.Marshal(j.Config)
	if err != nil {
		return "", nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%s\n%s\n", j.req.Job, j.req.Period, j.asOf.Format("2006-01-02"), code, cfg)
	if j.Config.PDF {
		// Whether Chromium is there decides whether the run prints PDFs
		// (printPDFs): a run that could not print them must not let a
		// later one that can keep its files without them.
		fmt.Fprintf(h, "pdf printer %t\n", reports.FindChromium("") != "")
	}
	for _, t := range slices.Sorted(maps.Keys(j.stamps)) {
		fmt.Fprintf(h, "table %s=%s\n", t, j.stamps[t])
	}
	if err := hashRows(ctx, j.w.DB, h, `SELECT model || '=' || fingerprint FROM transform_state ORDER BY model`); err != nil {
		return "", err
	}
	canonical := warehouse.CanonicalTables()
	for _, t := range warehouse.SchemaTables() {
		switch {
		case slices.Contains(canonical, t), slices.Contains(perRun, t), len(t) > 8 && t[len(t)-8:] == "_history":
			continue
		case t == "audit_scores" && j.req.Job == JobQuarterlyAudit:
			// Read by the dashboard alone, which the audit does not
			// write: in its key, its own first success would make its
			// first rerun write every file again.
			continue
		}
		s, err := warehouse.ContentStamp(ctx, j.w.DB, t)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "table %s=%s\n", t, s)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// perRun are the bookkeeping tables every run changes and no report reads
// (transform_state is in the key model by model).
var perRun = []string{"runs", "ingest_batches", "ingest_files", "transform_state", "schema_version"}

func hashRows(ctx context.Context, db *sql.DB, h io.Writer, q string) error {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("naming what the reports are made from: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("naming what the reports are made from: %w", err)
		}
		fmt.Fprintln(h, s)
	}
	return rows.Err()
}

// written is what a run records of its files for the next one.
type written struct {
	Key    string            `json:"key"`
	Files  map[string]string `json:"files"` // path → sha256
	Notes  []string          `json:"notes,omitempty"`
	Closed bool              `json:"closed,omitempty"`
}

// keptOutputs returns the files of the last successful run of the same job
// and period if it was made from key and every file is still as it wrote
// it; nil otherwise.
func (j *job) keptOutputs(ctx context.Context, key string) (*written, int64, error) {
	if key == "" {
		return nil, 0, nil
	}
	var id int64
	var detail sql.NullString
	err := j.w.DB.QueryRowContext(ctx, `SELECT run_id, detail FROM runs WHERE job = ? AND period = ? AND status = 'ok' AND run_id < ?
		ORDER BY run_id DESC LIMIT 1`, j.req.Job, j.req.Period, j.runID).Scan(&id, &detail)
	if errors.Is(err, sql.ErrNoRows) || !detail.Valid {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("reading the last run of %s %s: %w", j.req.Job, j.req.Period, err)
	}
	var d struct {
		Written *written `json:"written"`
	}
	if json.Unmarshal([]byte(detail.String), &d) != nil || d.Written == nil || d.Written.Key != key || len(d.Written.Files) == 0 {
		return nil, 0, nil
	}
	for path, sum := range d.Written.Files {
		if got, err := fileSum(path); err != nil || got != sum {
			return nil, 0, nil
		}
	}
	return d.Written, id, nil
}

// recordWritten stores key and the hashes of the files this run wrote
// (the index, rewritten every run, aside).
func (j *job) recordWritten(key, index string) error {
	if key == "" {
		return nil
	}
	wr := written{Key: key, Files: map[string]string{}, Notes: j.out.Notes, Closed: j.out.Closed}
	for _, p := range j.out.Outputs {
		if p == index {
			continue
		}
		sum, err := fileSum(p)
		if err != nil {
			return fmt.Errorf("recording the files written: %w", err)
		}
		wr.Files[p] = sum
	}
	j.detail["written"] = wr
	return nil
}

func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// keep ends a run whose files are up to date: it lists them as its own
// and carries their record on for the next run.
func (j *job) keep(ctx context.Context, kept *written, since int64) error {
	j.out.Outputs = slices.Sorted(maps.Keys(kept.Files))
	j.out.Notes, j.out.Closed = slices.Clone(kept.Notes), kept.Closed
	j.detail["written"] = kept
	j.note(fmt.Sprintf("nothing the files of %s are made from changed since run %d: its %d files are kept as they are",
		j.req.Period, since, len(kept.Files)))
	return j.index(ctx)
}

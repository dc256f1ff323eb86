package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AuditResponse is an answer to one audit finding: "ack" (seen, being
// handled; still counted) or "waive" (accepted as no failure; not counted).
type AuditResponse struct {
	FindingID, Action, By, Note string
	At                          time.Time
	RunID                       int64
}

// ErrNoFinding: the finding id is not among the findings of the last
// transform (or no audit was ever built).
var ErrNoFinding = errors.New("no such audit finding")

// RecordAuditResponse appends r after checking its finding exists in the
// audit the last transform built, and returns that finding's quarter.
func (w *Warehouse) RecordAuditResponse(ctx context.Context, r AuditResponse) (string, error) {
	var built bool
	if err := w.DB.QueryRowContext(ctx,
		`SELECT count(*) > 0 FROM information_schema.tables WHERE table_name = 'audit_findings' AND table_schema = 'main'`).Scan(&built); err != nil {
		return "", fmt.Errorf("looking for the audit findings: %w", err)
	}
	if !built {
		return "", fmt.Errorf("%w %q: no audit has been built yet (run quarterly-audit or transform first)", ErrNoFinding, r.FindingID)
	}
	var period string
	err := w.DB.QueryRowContext(ctx, `SELECT period FROM audit_findings WHERE finding_id = ?`, r.FindingID).Scan(&period)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%w %q among the findings of the last audit build (each audit report lists its findings' ids)", ErrNoFinding, r.FindingID)
	}
	if err != nil {
		return "", fmt.Errorf("looking up audit finding %s: %w", r.FindingID, err)
	}
	if _, err := w.DB.ExecContext(ctx, `INSERT INTO audit_responses (finding_id, action, by_name, note, responded_at, run_id)
		VALUES (?, ?, ?, ?, ?, ?)`, r.FindingID, r.Action, r.By, r.Note, r.At, r.RunID); err != nil {
		return "", fmt.Errorf("recording the %s of audit finding %s: %w", r.Action, r.FindingID, err)
	}
	return period, nil
}

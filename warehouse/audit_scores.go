package warehouse

import (
	"context"
	"database/sql"
	"fmt"
)

// RecordAuditScores keeps what the audit of quarter just reported, company
// wide: the check rows of audit_check_summary for quarter and for prev, the
// quarter before that its report compares with ("" when there is none). A
// rerun of the same quarter's audit replaces its rows; those of other
// audits stay as they were reported.
func (w *Warehouse) RecordAuditScores(ctx context.Context, quarter, prev string, runID int64) error {
	return w.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM audit_scores WHERE audit_period = ?`, quarter); err != nil {
			return fmt.Errorf("recording the audit scores of %s: %w", quarter, err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO audit_scores (audit_period, period, check_id, weight, findings, opportunities, run_id)
			SELECT ?, period, check_id, weight, findings, opportunities, ?
			FROM audit_check_summary WHERE period = ? OR period = ?`, quarter, runID, quarter, prev)
		if err != nil {
			return fmt.Errorf("recording the audit scores of %s: %w", quarter, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("recording the audit scores of %s: %w", quarter, err)
		}
		if n == 0 {
			return fmt.Errorf("recording the audit scores of %s: the audit's summary holds no check of the quarter", quarter)
		}
		return nil
	})
}

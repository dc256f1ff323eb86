package reports

import (
	"context"
	"io"
)

// auditCSVHeader is the finding row of audit.md, then what makes it
// actionable, appended so the first seven columns keep their places.
var auditCSVHeader = []string{"check_id", "severity", "rep_id", "customer_id", "deal_id", "date", "detail",
	"finding_id", "status", "owner", "due_date", "window_closes", "repeat", "response"}

// writeAuditCSV writes the finding rows, in the report's order, then the
// pending windows (status pending, not findings), every text cell through
// SafeText; the detail and response are in the report's language, the
// status is the machine word (finding, waived, pending).
func writeAuditCSV(ctx context.Context, path string, r *auditReport) error {
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, auditCSVHeader)
		if err != nil {
			return err
		}
		for _, f := range append(append([]auditFinding(nil), r.Findings...), r.Pending...) {
			status, owner, repeat := "finding", f.Owner, "false"
			switch {
			case f.Pending:
				status, owner, repeat = "pending", "", ""
			case f.Waived:
				status = "waived"
			}
			if f.Repeat {
				repeat = "true"
			}
			response := r.L.ResponseText(f.Response, false)
			if response == "" && f.Repeat {
				response = r.L.ResponseText(f.PrevResponse, true)
			}
			if err := c.Row([]string{SafeText(f.Check), SafeText(f.Severity), SafeText(f.Rep), SafeText(f.Customer),
				SafeText(f.Deal), csvDate(f.Date), SafeText(f.Detail),
				SafeText(f.ID), status, SafeText(owner), csvDate(f.Due), csvDate(f.WindowCloses), repeat, SafeText(response)}); err != nil {
				return err
			}
		}
		return c.Close()
	})
}

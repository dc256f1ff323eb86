package reports

import (
	"context"
	"io"
)

// auditCSVHeader is the finding row of audit.md, then what makes it
// actionable, appended so the first seven columns keep their places.
var auditCSVHeader = []string{"check_id", "severity", "rep_id", "customer_id", "deal_id", "date", "detail",
	"finding_id", "status", "owner", "due_date", "window_closes", "repeat", "response"}

// writeAuditCSV writes every finding, in the report's order, then every
// pending window (status pending, not findings), every text cell through
// SafeText; the detail and response are in the report's language, the
// status is the machine word (finding, waived, pending). It reads the
// rows from the warehouse a page at a time (audit_pages.go: the findings
// in pages of the groups r counted them in), rather than from r, whose
// lists stop at auditShownRows: the CSV is where the capped page and
// workbook send the reader for the rest.
func writeAuditCSV(ctx context.Context, path string, r *auditReport) error {
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, auditCSVHeader)
		if err != nil {
			return err
		}
		row := func(f auditFinding) error { return c.Row(auditCSVRecord(r.L, f)) }
		if err := scanFindings(ctx, r.db, r.Period, r.L, findingPages(r.groups, auditPageRows), 0, idsOnly, row); err != nil {
			return err
		}
		if err := scanPending(ctx, r.db, r.Period, r.L, 0, idsOnly, row); err != nil {
			return err
		}
		return c.Close()
	})
}

func auditCSVRecord(l auditLabels, f auditFinding) []string {
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
	response := l.ResponseText(f.Response, false)
	if response == "" && f.Repeat {
		response = l.ResponseText(f.PrevResponse, true)
	}
	return []string{SafeText(f.Check), SafeText(f.Severity), SafeText(f.Rep), SafeText(f.Customer),
		SafeText(f.Deal), csvDate(f.Date), SafeText(f.Detail),
		SafeText(f.ID), status, SafeText(owner), csvDate(f.Due), csvDate(f.WindowCloses), repeat, SafeText(response)}
}

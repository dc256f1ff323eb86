package reports

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/i18n"
)

// AuditOptions say which quarter's audit to write, in which language, where.
type AuditOptions struct {
	Period   string         // YYYY-Qn
	Language string         // "en" or "zh-CN"; empty means "en"
	OutDir   string         // the output folder; files go to <OutDir>/<Period>/
	Build    buildinfo.Info // the salesops writing them, in their metadata
	// The programme section: its settings, and the currency of its amounts.
	Programme    ProgrammeOptions
	BaseCurrency string
}

var auditQuarterRE = regexp.MustCompile(`^[0-9]{4}-Q[1-4]$`)

// WriteAudit writes <OutDir>/<period>/audit-<period>.html, .xlsx and .csv
// from the audit tables the transform built (audit.md), each atomically,
// and returns their paths. It reads; it never recomputes a check.
func WriteAudit(ctx context.Context, db *sql.DB, opt AuditOptions) ([]string, error) {
	if !auditQuarterRE.MatchString(opt.Period) {
		return nil, fmt.Errorf("audit report: period %q is not a quarter YYYY-Qn", opt.Period)
	}
	dir, err := PeriodDir(opt.OutDir, opt.Period)
	if err != nil {
		return nil, fmt.Errorf("audit report: %w", err)
	}
	lang, ok := i18n.Known(opt.Language)
	if !ok && opt.Language != "" {
		return nil, fmt.Errorf("audit report: language %q is not en or zh-CN", opt.Language)
	}
	lb := auditLabelsFor(lang)
	rep, err := loadAudit(ctx, db, opt.Period, lb)
	if err != nil {
		return nil, fmt.Errorf("audit report for %s: %w", opt.Period, err)
	}
	rep.Build = opt.Build
	if rep.Programme, err = loadAuditProgramme(ctx, db, rep, opt); err != nil {
		return nil, fmt.Errorf("audit report for %s: %w", opt.Period, err)
	}
	base := filepath.Join(dir, "audit-"+opt.Period)
	outputs := []struct {
		ext   string
		write func(context.Context, string, *auditReport) error
	}{
		{".html", writeAuditHTML},
		{".xlsx", writeAuditXLSX},
		{".csv", writeAuditCSV},
	}
	var paths []string
	for _, o := range outputs {
		path := base + o.ext
		if err := o.write(ctx, path, rep); err != nil {
			return paths, fmt.Errorf("audit report for %s: %w", opt.Period, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

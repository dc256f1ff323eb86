package reports

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/salesops/salesops/period"
)

// scoreData is what the scorecards show: every rep row of the month, the
// same reps in the previous month, a year earlier and the baseline, and
// each rep's last twelve months.
type scoreData struct {
	P                   period.Period
	Month               []KPIRow // rep rows, ranked
	Prev, YearAgo, Base map[string]KPIRow
	Trend               map[string][]KPIRow // by rep, oldest first
	Months              []string
	Coverage            map[string]coverageRow
}

// WriteScorecards writes OutDir/YYYY-MM/scorecards-YYYY-MM.xlsx: a summary
// sheet ranking the reps, with the lifts coloured against their targets
// and a native chart, and one sheet per rep with the month beside the
// previous month, the same month last year and the baseline, and a trend
// chart. Text is written as string cells, never as formulas.
func WriteScorecards(ctx context.Context, db *sql.DB, opt DashboardOptions) (string, error) {
	dir, err := PeriodDir(opt.OutDir, opt.Period)
	if err != nil {
		return "", err
	}
	d, err := loadScoreData(ctx, db, opt.Period)
	if err != nil {
		return "", fmt.Errorf("scorecards %s: %w", opt.Period, err)
	}
	return writeScorecards(ctx, dir, d, opt)
}

// WriteScorecardsOf writes the scorecards of in, live or frozen.
func WriteScorecardsOf(ctx context.Context, in *MonthInputs, opt DashboardOptions) (string, error) {
	dir, err := PeriodDir(opt.OutDir, opt.Period)
	if err != nil {
		return "", err
	}
	return writeScorecards(ctx, dir, in.score, opt)
}

func writeScorecards(ctx context.Context, dir string, d *scoreData, opt DashboardOptions) (string, error) {
	f, err := buildScorecards(d, opt)
	if err != nil {
		return "", fmt.Errorf("scorecards %s: %w", opt.Period, err)
	}
	defer f.Close()
	if err := stampWorkbook(f, opt.Build); err != nil {
		return "", fmt.Errorf("scorecards %s: %w", opt.Period, err)
	}
	path := filepath.Join(dir, "scorecards-"+opt.Period+".xlsx")
	if err := writeWorkbook(ctx, path, f, nil); err != nil {
		return "", err
	}
	logger(opt.Log).Info("scorecards written", "period", opt.Period, "path", path, "reps", len(d.Month))
	return path, nil
}

func loadScoreData(ctx context.Context, db *sql.DB, per string) (*scoreData, error) {
	p, err := period.Parse(per)
	if err != nil || p.Kind != period.Month {
		return nil, fmt.Errorf("scorecard period %q: want a month YYYY-MM", per)
	}
	rows, err := LoadKPIs(ctx, db, per)
	if err != nil {
		return nil, err
	}
	d := &scoreData{P: p, Month: rankedReps(rows), Trend: map[string][]KPIRow{}, Coverage: map[string]coverageRow{}}
	byRep := func(per string) (map[string]KPIRow, error) {
		out := map[string]KPIRow{}
		if per == "" {
			return out, nil
		}
		rs, err := queryKPIs(ctx, db, kpiSelect+` WHERE k.period = ? AND k.level = 'rep'`, per)
		for _, r := range rs {
			out[r.Key] = r
		}
		return out, err
	}
	if d.Prev, err = byRep(p.Prev().String()); err == nil {
		if d.YearAgo, err = byRep(p.YearAgo().String()); err == nil {
			d.Base, err = byRep(baselineName(ctx, db))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("loading the comparison periods: %w", err)
	}
	trend, err := queryKPIs(ctx, db, kpiSelect+` WHERE k.level = 'rep' AND k.kind = 'month' AND k.start_date >= ? AND k.end_date <= ?
		ORDER BY k.start_date, k.key`, p.Shift(-11).Start(), p.End())
	if err != nil {
		return nil, fmt.Errorf("loading the rep trends: %w", err)
	}
	seen := map[string]bool{}
	for _, r := range trend {
		d.Trend[r.Key] = append(d.Trend[r.Key], r)
		if !seen[r.Period] {
			seen[r.Period] = true
			d.Months = append(d.Months, r.Period)
		}
	}
	dd := &dashData{Coverage: d.Coverage}
	if err := loadRisk(ctx, db, dd); err != nil {
		return nil, err
	}
	return d, nil
}

// sheetNamer makes sheet names Excel accepts whatever the rep is called:
// no []:*?/\ characters, no apostrophe at either end, at most 31
// characters (UTF-16 units, as Excel counts), not "History", and unique
// ignoring case.
type sheetNamer struct{ used map[string]bool }

func newSheetNamer() *sheetNamer { return &sheetNamer{used: map[string]bool{"history": true}} }

func (n *sheetNamer) name(want, fallback string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return ' '
		}
		return r
	}, want)
	clean = strings.Trim(strings.Join(strings.Fields(clean), " "), "' ")
	if clean == "" {
		clean = fallback
	}
	for i := 1; ; i++ {
		suffix := ""
		if i > 1 {
			suffix = fmt.Sprintf(" (%d)", i)
		}
		base := clean
		for utf16Len(base)+utf16Len(suffix) > 31 {
			_, size := utf8.DecodeLastRuneInString(base)
			base = base[:len(base)-size]
		}
		base = strings.TrimRight(base, "' ")
		cand := base + suffix
		if cand != "" && !n.used[strings.ToLower(cand)] {
			n.used[strings.ToLower(cand)] = true
			return cand
		}
	}
}

// utf16Len is the length Excel counts: UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// sheetRef is a reference to a range of a sheet for chart series.
func sheetRef(sheet, rng string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!" + rng
}

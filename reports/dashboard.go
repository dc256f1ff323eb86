package reports

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"log/slog"
	"math/big"
	"path/filepath"
	"strconv"
	"time"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/i18n"
)

// DashboardOptions say which month to show and how.
type DashboardOptions struct {
	Period       string    // the month, YYYY-MM
	Language     string    // "en" or "zh-CN"
	OutDir       string    // the output folder; the file goes to OutDir/<period>/
	AsOf         time.Time // the date the job computed for
	BaseCurrency string    // ISO 4217, for "¥" and the like
	Targets      struct{ EfficiencyLift, WinRateLift *big.Rat }
	SurveyScale  int              // 5 or 10; 0 infers it from the data (NPS present)
	Log          *slog.Logger     // nil discards
	Build        buildinfo.Info   // the salesops writing it, in the footer or document properties
	Status       MonthStatus      // closed (and by whom) or reopened (and why), shown under the title
	Programme    ProgrammeOptions // the programme's start and costs (its targets are Targets)
}

// WriteDashboard writes OutDir/YYYY-MM/dashboard-YYYY-MM.html: leadership's
// one-file view of the month (self-contained, no network request).
func WriteDashboard(ctx context.Context, db *sql.DB, opt DashboardOptions) (string, error) {
	dir, err := PeriodDir(opt.OutDir, opt.Period)
	if err != nil {
		return "", err
	}
	d, err := loadDashWithProgramme(ctx, db, opt)
	if err != nil {
		return "", fmt.Errorf("dashboard %s: %w", opt.Period, err)
	}
	return writeDashboard(ctx, dir, d, opt)
}

// WriteDashboardOf writes the dashboard of in, live or frozen.
func WriteDashboardOf(ctx context.Context, in *MonthInputs, opt DashboardOptions) (string, error) {
	dir, err := PeriodDir(opt.OutDir, opt.Period)
	if err != nil {
		return "", err
	}
	return writeDashboard(ctx, dir, in.dash, opt)
}

func writeDashboard(ctx context.Context, dir string, d *dashData, opt DashboardOptions) (string, error) {
	page, err := buildDashboard(d, opt)
	if err != nil {
		return "", fmt.Errorf("dashboard %s: %w", opt.Period, err)
	}
	path := filepath.Join(dir, "dashboard-"+opt.Period+".html")
	if err := WriteFile(ctx, path, page.Render); err != nil {
		return "", err
	}
	logger(opt.Log).Info("dashboard written", "period", opt.Period, "path", path)
	return path, nil
}

func logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

// dashView is what the body template sees: every value already formatted
// as text, which html/template escapes.
type dashView struct {
	L                   map[string]string
	Title, Subtitle     string
	Status              string
	Currency            string
	Cards, More, Lifts  []dashCard
	Leaders             []leaderRow
	Funnel              []funnelRow
	AtRisk              []riskRow
	AtRiskNote          string
	Bonus               *bonusView
	Quality             []string
	ProvisionalNote     string
	HasScores, HasBonus bool
	Programme           *programmeView
}

// dashCard is one figure: Arrow and Dir say which way it moved since the
// previous period, Tone ("good", "bad", "neutral") whether that is good
// by the KPI's polarity; VsPrev and VsYear are the changes in %.
type dashCard struct {
	Key, Label, Value, Badge, Note      string
	Prev, YearAgo, PrevLabel, YearLabel string
	VsPrev, VsYear, Arrow, Dir, Tone    string
	Target                              string
}

type leaderRow struct {
	Rank                                                                     int
	Name, Team, Net, Won, WinRate, New, Followups, Eff, Conv, CSAT, Coverage string
	Provisional                                                              bool
}

type funnelRow struct{ Stage, Customers, Next, Conversion string }

type riskRow struct{ Customer, Rep, Last, Days string }

type bonusView struct {
	Pool, Allocated, Unallocated string
	Rows                         []struct{ Name, Amount, Share string }
}

func buildDashboard(d *dashData, opt DashboardOptions) (Page, error) {
	lang := i18n.Parse(opt.Language)
	nameReservedReps(lang, d)
	v := dashView{L: lang.Labels(), Currency: opt.BaseCurrency}
	v.Title = lang.T("dash.title") + " — " + monthTitle(lang, d.P.Start())
	v.Subtitle = fmt.Sprintf("%s %s · %s %s", lang.T("asof"), opt.AsOf.Format(time.DateOnly),
		lang.T("currency"), opt.BaseCurrency)
	v.Status = opt.Status.Text(lang)
	v.Cards, v.More = headlineCards(d, lang, opt)
	v.Lifts = liftCards(d, lang, opt)
	v.Leaders = leaders(d, lang, opt.BaseCurrency)
	v.Funnel = funnelRows(d, lang)
	v.AtRisk, v.AtRiskNote = riskRows(d, lang)
	v.Bonus = bonusRows(d, opt.BaseCurrency)
	v.HasBonus = v.Bonus != nil
	var err error
	if v.Programme, err = newProgrammeView(d.Programme, lang, opt.BaseCurrency); err != nil {
		return Page{}, err
	}
	for _, n := range d.Quality {
		v.Quality = append(v.Quality, n.text(lang))
	}
	if c := companyRow(d.Cur); c != nil && c.ConversionProvisional {
		v.ProvisionalNote = lang.T("note.provisional")
	}
	for _, s := range d.Scores {
		v.HasScores = v.HasScores || s.Count > 0
	}
	var body bytes.Buffer
	if err := dashTmpl.Execute(&body, v); err != nil {
		return Page{}, err
	}
	if err := renderExplore(&body, d, lang, opt.BaseCurrency); err != nil {
		return Page{}, err
	}
	return Page{Lang: lang.String(), Title: v.Title, Content: template.HTML(body.String()), Charts: dashCharts(d, lang, opt),
		ExtraCSS: dashCSS + exploreCSS, Script: dashScript + exploreScript, Build: opt.Build, Landscape: true}, nil
}

func monthTitle(lang i18n.Lang, first time.Time) string {
	return lang.T("month.title", first.Year(), lang.T("month."+strconv.Itoa(int(first.Month()))))
}

// companyRow is the company row of a period's KPIs, nil when absent.
func companyRow(rows []KPIRow) *KPIRow {
	return findRow(rows, "company", "company")
}

func findRow(rows []KPIRow, level, key string) *KPIRow {
	for i := range rows {
		if rows[i].Level == level && rows[i].Key == key {
			return &rows[i]
		}
	}
	return nil
}

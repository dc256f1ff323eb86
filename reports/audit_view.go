package reports

import (
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// The audit page's view: every figure formatted once, here, so the
// template only places text.

type auditView struct {
	L                          auditLabels
	Period, Prev, Start, Until string
	FollowUp                   string
	Checks                     []auditCheckView
	CheckIDs                   []string
	Reps                       []auditRepView
	Severities                 []struct{ ID, Name string }
	Findings                   []auditFindingView
	Pending                    []auditFindingView
	Total                      int64 // every finding of the quarter, listed or not
	Listed                     int   // the findings the page lists
	Capped, PendingCapped      string
	ScoreChartPx               int // one bar per scored rep, readable at 40 reps
	Programme                  *programmeView
}

type auditCheckView struct {
	ID, Name, Severity, SeverityName, Weight string
	Findings, Opps, Rate, Pending, Waived    string
	PrevFindings, PrevOpps, PrevRate         string
	Change, ChangeClass                      string
}

type auditRepView struct {
	Rank, ID, Name, Team, Score, PrevScore, Change, ChangeClass, PrevRank string
	Findings, Opps                                                        string
	Cells                                                                 []auditCellView
}

type auditCellView struct{ Text, Title, Class string }

type auditFindingView struct {
	Check, CheckName, Severity, SeverityName, Rep, RepName string
	Customer, Company, Deal, Date, Detail                  string
	ID, Status, StatusName, Owner, Due, WindowCloses       string
	Repeat                                                 bool
	Response, PrevResponse                                 string
}

func newAuditView(r *auditReport) auditView {
	v := auditView{L: r.L, Period: r.Period, Prev: r.Prev, Start: r.Start.Format("2006-01-02"),
		Until: r.Until.Format("2006-01-02"), Total: r.FindingsTotal,
		FollowUp: r.L.FollowUpText(r.Prev, r.FollowUp), Programme: r.Programme.pageView()}
	for _, s := range []string{"high", "medium", "low"} {
		v.Severities = append(v.Severities, struct{ ID, Name string }{s, r.L.SeverityName(s)})
	}
	for _, c := range r.Checks {
		cv := auditCheckView{ID: c.ID, Name: c.Name, Severity: c.Severity, SeverityName: r.L.SeverityName(c.Severity), Weight: c.Weight,
			Findings: fmt.Sprint(c.Findings), Opps: fmt.Sprint(c.Opportunities), Rate: auditPct(c.Rate),
			Pending: fmt.Sprint(c.Pending), Waived: fmt.Sprint(c.Waived),
			PrevFindings: auditInt(c.PrevFindings), PrevOpps: auditInt(c.PrevOpportunities), PrevRate: auditPct(c.PrevRate)}
		if c.Rate.Valid && c.PrevRate.Valid {
			// A rate is a share of failures: down is good.
			cv.Change, cv.ChangeClass = auditDelta(100*(c.Rate.Float64-c.PrevRate.Float64), r.L.Lang.T("unit.pp"), true)
		}
		v.Checks = append(v.Checks, cv)
		v.CheckIDs = append(v.CheckIDs, c.ID)
	}
	v.ScoreChartPx = 320
	for _, p := range r.Reps {
		if p.Score.Valid {
			v.ScoreChartPx = max(v.ScoreChartPx, 80+22*(len(v.Reps)+1))
		}
		rv := auditRepView{ID: p.ID, Name: p.Name, Team: p.Team, Score: auditScore(p.Score), PrevScore: auditScore(p.PrevScore),
			Rank: auditInt(p.Rank), PrevRank: auditInt(p.PrevRank), Findings: fmt.Sprint(p.Findings), Opps: fmt.Sprint(p.Opportunities)}
		if !p.InRoster && p.Score.Valid {
			rv.Rank = r.L.NotRanked
		}
		if p.Change.Valid {
			rv.Change, rv.ChangeClass = auditDelta(p.Change.Float64, "", false)
		}
		for _, id := range v.CheckIDs {
			c, ok := p.Cells[id]
			cell := auditCellView{Text: "–", Class: "none"}
			if ok && c.Opportunities > 0 {
				cell.Text = fmt.Sprintf("%d/%d", c.Findings, c.Opportunities)
				if c.Findings > 0 {
					cell.Class = "fail"
				} else {
					cell.Class = ""
				}
			}
			if ok && c.PrevOpportunities.Valid {
				cell.Title = fmt.Sprintf("%s: %d/%d", r.Prev, c.PrevFindings.Int64, c.PrevOpportunities.Int64)
			}
			rv.Cells = append(rv.Cells, cell)
		}
		v.Reps = append(v.Reps, rv)
	}
	for _, f := range r.shownFindings() {
		v.Findings = append(v.Findings, newAuditFindingView(r.L, f))
	}
	v.Listed = len(v.Findings)
	if int64(v.Listed) < r.FindingsTotal {
		v.Capped = fmt.Sprintf(r.L.CappedFmt, v.Listed, r.FindingsTotal, r.csvName())
	}
	for _, f := range r.Pending {
		v.Pending = append(v.Pending, newAuditFindingView(r.L, f))
	}
	if int64(len(v.Pending)) < r.PendingTotal {
		v.PendingCapped = fmt.Sprintf(r.L.CappedPendingFmt, len(v.Pending), r.PendingTotal, r.csvName())
	}
	return v
}

func newAuditFindingView(l auditLabels, f auditFinding) auditFindingView {
	fv := auditFindingView{Check: f.Check, CheckName: l.CheckName(f.Check), Severity: f.Severity, SeverityName: l.SeverityName(f.Severity),
		Rep: f.Rep, RepName: f.RepName, Customer: f.Customer, Company: f.Company, Deal: f.Deal, Detail: f.Detail,
		ID: f.ID, StatusName: l.StatusName(f), Date: csvDate(f.Date), Due: csvDate(f.Due), WindowCloses: csvDate(f.WindowCloses),
		Repeat: f.Repeat, Response: l.ResponseText(f.Response, false)}
	switch {
	case f.Pending:
		fv.Status = "pending"
	case f.Waived:
		fv.Status = "waived"
	default:
		fv.Status = "finding"
	}
	if !f.Pending {
		fv.Owner = l.OwnerName(f.Owner, f.OwnerName)
	}
	if f.Repeat {
		fv.PrevResponse = l.ResponseText(f.PrevResponse, true)
	}
	return fv
}

// auditCharts: findings per check (bars) with the rate (line), and the
// ranked reps' scores.
func auditCharts(r *auditReport) []Chart {
	var ids []string
	var findings []int64
	var rates []any
	for _, c := range r.Checks {
		ids = append(ids, c.ID)
		findings = append(findings, c.Findings)
		if c.Rate.Valid {
			rates = append(rates, math.Round(c.Rate.Float64*1e4)/1e2)
		} else {
			rates = append(rates, nil)
		}
	}
	var names []string
	var scores []float64
	for i := len(r.Reps) - 1; i >= 0; i-- { // bottom-up, so the best is on top
		p := r.Reps[i]
		if p.Score.Valid {
			names = append(names, p.ID+" "+p.Name)
			scores = append(scores, math.Round(p.Score.Float64*10)/10)
		}
	}
	checks := charts.NewBar()
	checks.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Data: []string{r.L.FindingsN, r.L.Rate + " %"}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
	)
	checks.ExtendYAxis(opts.YAxis{Type: "value", Max: 100, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}})
	checks.SetXAxis(ids)
	checks.MultiSeries = append(checks.MultiSeries,
		charts.SingleSeries{Name: r.L.FindingsN, Type: types.ChartBar, Data: findings},
		charts.SingleSeries{Name: r.L.Rate + " %", Type: types.ChartLine, YAxisIndex: 1, Data: rates})
	ranked := charts.NewBar()
	ranked.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithLegendOpts(noLegend),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: 100}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names}),
	)
	ranked.MultiSeries = append(ranked.MultiSeries, charts.SingleSeries{Name: r.L.Score, Type: types.ChartBar, Data: scores,
		Label: &opts.Label{Show: opts.Bool(true), Position: "right"}})
	return []Chart{newChart("chart-checks", checks), newChart("chart-scores", ranked)}
}

func auditPct(r sql.NullFloat64) string {
	if !r.Valid {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*r.Float64)
}

func auditScore(s sql.NullFloat64) string {
	if !s.Valid {
		return "–"
	}
	return fmt.Sprintf("%.1f", s.Float64)
}

func auditInt(n sql.NullInt64) string {
	if !n.Valid {
		return "–"
	}
	return fmt.Sprint(n.Int64)
}

// auditDelta formats a change with its sign and says whether it is good.
func auditDelta(d float64, unit string, lowerIsBetter bool) (string, string) {
	d = math.Round(d*10) / 10
	if d == 0 {
		return "±0.0" + unit, ""
	}
	good := d > 0
	if lowerIsBetter {
		good = d < 0
	}
	class := "bad"
	if good {
		class = "good"
	}
	return fmt.Sprintf("%+.1f%s", d, unit), class
}

// Typed cells of the audit workbook.
type (
	auditRateVal float64
	auditDate    struct{ time.Time }
)

func auditRate(r sql.NullFloat64) any {
	if !r.Valid {
		return nil
	}
	return auditRateVal(r.Float64)
}

func auditRound(r sql.NullFloat64, places int) any {
	if !r.Valid {
		return nil
	}
	p := math.Pow(10, float64(places))
	return math.Round(r.Float64*p) / p
}

func auditNullInt(n sql.NullInt64) any {
	if !n.Valid {
		return nil
	}
	return n.Int64
}

func auditToAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// csvDate is a nullable date as YYYY-MM-DD, empty when null.
func csvDate(d sql.NullTime) string {
	if !d.Valid {
		return ""
	}
	return d.Time.Format("2006-01-02")
}

package reports

import (
	"encoding/json"
	"math/big"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/salesops/salesops/i18n"
)

// Values are JSON number literals written from exact decimal text
// (chartNumber), so no amount passes through a float in Go; dashScript
// formats them for the reader. Animation is off: the charts are complete
// at first paint and print as they look.

// axisChart is a trend or comparison over categories along the bottom.
func axisChart(categories []string, series ...charts.SingleSeries) *charts.Bar {
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "36", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Top: "0", Type: "scroll"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
	)
	c.SetXAxis(categories)
	c.MultiSeries = append(c.MultiSeries, series...)
	return c
}

// barsChart is a horizontal bar chart: categories down the side, values
// along the bottom.
func barsChart(grid opts.Grid, categories opts.YAxis, s charts.SingleSeries) *charts.Bar {
	c := charts.NewBar()
	grid.ContainLabel = opts.Bool(true)
	categories.Type = "category"
	c.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithGridOpts(grid),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithLegendOpts(noLegend),
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithYAxisOpts(categories),
	)
	c.MultiSeries = append(c.MultiSeries, s)
	return c
}

func centsText(c int64) any { return chartNumber(big.NewRat(c, 100), 2) }

func dashCharts(d *dashData, lang i18n.Lang, opt DashboardOptions) []Chart {
	L := func(k string) string { return lang.T(k) }
	var months []string
	var gross, cancel, net, win, conv, convProv, csat []any
	for i, r := range d.Trend {
		months = append(months, r.Period)
		gross = append(gross, centsText(int64(r.GrossSales)))
		cancel = append(cancel, centsText(int64(r.Cancellations)))
		net = append(net, centsText(int64(r.NetSales)))
		win = append(win, chartNumber(r.WinRate, 6))
		csat = append(csat, chartNumber(r.CSAT, 6))
		// Provisional months get their own dashed line, joined to the last
		// final month so the trend reads as one line.
		var final, prov any
		if r.ConversionProvisional {
			prov = chartNumber(r.LeadConversion, 6)
		} else {
			final = chartNumber(r.LeadConversion, 6)
			if i+1 < len(d.Trend) && d.Trend[i+1].ConversionProvisional {
				prov = final
			}
		}
		conv, convProv = append(conv, final), append(convProv, prov)
	}
	provLine := lineSeries(L("m.lead_conversion")+" ("+L("provisional")+")", convProv)
	provLine.LineStyle = &opts.LineStyle{Type: "dashed"}
	out := []Chart{
		newChart("ch-trend", axisChart(months, barSeries(L("m.gross_sales"), gross), barSeries(L("m.cancellations"), cancel), lineSeries(L("m.net_sales"), net))),
		newChart("ch-teams", groupChart(d.Cur, "team", L)),
		newChart("ch-regions", groupChart(d.Cur, "region", L)),
		newChart("ch-funnel", funnelChart(d, L)),
		newChart("ch-rates", axisChart(months, lineSeries(L("m.win_rate"), win), lineSeries(L("m.lead_conversion"), conv), provLine)),
		newChart("ch-lifts", liftChart(d, opt, L)),
		newChart("ch-csat", axisChart(months, lineSeries(L("m.csat"), csat))),
	}
	for _, s := range d.Scores {
		if s.Count > 0 {
			var cats []string
			var counts []any
			for _, s := range d.Scores {
				cats, counts = append(cats, strconv.FormatInt(s.Score, 10)), append(counts, json.Number(strconv.FormatInt(s.Count, 10)))
			}
			out = append(out, newChart("ch-scores", axisChart(cats, barSeries(L("col.responses"), counts))))
			break
		}
	}
	if d.Bonus != nil {
		out = append(out, newChart("ch-bonus", bonusChart(d.Bonus, L)))
	}
	return out
}

func groupChart(rows []KPIRow, level string, L func(string) string) *charts.Bar {
	var cats []string
	var net, gross []any
	for _, r := range rows {
		if r.Level == level {
			cats = append(cats, r.Name)
			net = append(net, centsText(int64(r.NetSales)))
			gross = append(gross, centsText(int64(r.GrossSales)))
		}
	}
	return axisChart(cats, barSeries(L("m.net_sales"), net), barSeries(L("m.gross_sales"), gross))
}

// funnelChart draws the cohort funnel as horizontal bars, widest first:
// one base, so each bar is a part of the one above. Labels sit in the
// plot's dark ink beside the bar, never on it, so no stage's colour can
// hide its label.
func funnelChart(d *dashData, L func(string) string) *charts.Bar {
	var cats []string
	var data []any
	for i := len(d.Funnel) - 1; i >= 0; i-- {
		s := d.Funnel[i]
		cats = append(cats, L("funnel."+s.Stage))
		data = append(data, json.Number(strconv.FormatInt(s.Customers, 10)))
	}
	s := barSeries(L("col.customers"), data)
	s.ItemStyle = &opts.ItemStyle{Color: "#2563eb"}
	s.Label = &opts.Label{Show: opts.Bool(true), Position: "right", Color: "#1f2933"}
	return barsChart(opts.Grid{Left: "8", Right: "48", Top: "8", Bottom: "8"}, opts.YAxis{Data: cats}, s)
}

// liftChart shows the company's monthly lifts over the last year against
// the baseline, with each target as a line.
func liftChart(d *dashData, opt DashboardOptions, L func(string) string) *charts.Bar {
	base := companyRow(d.Base)
	var months []string
	var eff, win []any
	start := max(0, len(d.Trend)-12)
	for _, r := range d.Trend[start:] {
		months = append(months, r.Period)
		var e, w *big.Rat
		if base != nil {
			e, w = Lift(r.Efficiency, base.Efficiency), Lift(r.WinRate, base.WinRate)
		}
		eff, win = append(eff, chartNumber(e, 6)), append(win, chartNumber(w, 6))
	}
	effBar, winBar := barSeries(L("lift.efficiency"), eff), barSeries(L("lift.win_rate"), win)
	// The efficiency label sits inside the plot, above the line's end: past
	// the end it is clipped by the chart's edge. Two targets close together
	// would print their labels on each other: the win rate's goes to the
	// start of its line, below it.
	effBar.MarkLines = targetLine(opt.Targets.EfficiencyLift, "insideEndTop", L)
	winBar.MarkLines = targetLine(opt.Targets.WinRateLift, "insideStartBottom", L)
	return axisChart(months, effBar, winBar)
}

// targetLine is a dashed horizontal line at target t, labelled at pos;
// nil without a target.
func targetLine(t *big.Rat, pos string, L func(string) string) *opts.MarkLines {
	if t == nil {
		return nil
	}
	return &opts.MarkLines{
		Data: []interface{}{opts.MarkLineNameYAxisItem{YAxis: chartNumber(t, 6)}},
		MarkLineStyle: opts.MarkLineStyle{
			Symbol:    []string{"none", "none"},
			Label:     &opts.Label{Formatter: L("target") + " " + FormatSignedPercent(t), Position: pos},
			LineStyle: &opts.LineStyle{Type: "dashed"},
		},
	}
}

// bonusTopN is how many reps the bonus bar names; the rest are summed
// into one "others" bar, so the chart stays readable at any roster size.
const bonusTopN = 10

// bonusChart is the split of the pool as horizontal bars, largest on top
// (the allocations come sorted by amount).
func bonusChart(b *bonusSummary, L func(string) string) *charts.Bar {
	var cats []string
	var data []any
	var others int64
	for i, a := range b.Allocations {
		if i >= bonusTopN {
			others += int64(a.Amount)
			continue
		}
		cats, data = append(cats, a.Name), append(data, centsText(int64(a.Amount)))
	}
	if len(b.Allocations) > bonusTopN {
		// Grey: a sum of many reps, not one rep to compare with the others.
		cats = append(cats, L("bonus.others"))
		data = append(data, opts.BarData{Value: centsText(others), ItemStyle: &opts.ItemStyle{Color: "#9aa5b1"}})
	}
	return barsChart(opts.Grid{Left: "8", Right: "40", Top: "8", Bottom: "8"},
		opts.YAxis{Data: cats, Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Width: 140, Overflow: "truncate"}},
		barSeries(L("sec.bonus"), data))
}

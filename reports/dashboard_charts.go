package reports

import (
	"encoding/json"
	"math/big"
	"strconv"

	"github.com/salesops/salesops/i18n"
)

// Chart options are plain data. Values are JSON number literals written
// from exact decimal text (chartNumber), so no amount passes through a
// float in Go; dashScript formats them for the reader. Animation is off: the charts
// are complete at first paint and print as they look.

type obj = map[string]any

func axisChart(categories []string, series ...obj) obj {
	return obj{
		"animation": false,
		"grid":      obj{"left": 8, "right": 16, "top": 36, "bottom": 8, "containLabel": true},
		"tooltip":   obj{"trigger": "axis", "confine": true},
		"legend":    obj{"top": 0, "type": "scroll"},
		"xAxis":     obj{"type": "category", "data": categories, "axisLabel": obj{"hideOverlap": true}},
		"yAxis":     obj{"type": "value"},
		"series":    series,
	}
}

func bar(name string, data []any) obj { return obj{"type": "bar", "name": name, "data": data} }
func line(name string, data []any) obj {
	return obj{"type": "line", "name": name, "data": data, "connectNulls": false, "symbolSize": 5}
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
	provLine := line(L("m.lead_conversion")+" ("+L("provisional")+")", convProv)
	provLine["lineStyle"] = obj{"type": "dashed"}
	charts := []Chart{
		{"ch-trend", axisChart(months, bar(L("m.gross_sales"), gross), bar(L("m.cancellations"), cancel), line(L("m.net_sales"), net))},
		{"ch-teams", groupChart(d.Cur, "team", L)},
		{"ch-regions", groupChart(d.Cur, "region", L)},
		{"ch-funnel", funnelChart(d, L)},
		{"ch-rates", axisChart(months, line(L("m.win_rate"), win), line(L("m.lead_conversion"), conv), provLine)},
		{"ch-lifts", liftChart(d, opt, L)},
		{"ch-csat", axisChart(months, line(L("m.csat"), csat))},
	}
	for _, s := range d.Scores {
		if s.Count > 0 {
			var cats []string
			var counts []any
			for _, s := range d.Scores {
				cats, counts = append(cats, strconv.FormatInt(s.Score, 10)), append(counts, json.Number(strconv.FormatInt(s.Count, 10)))
			}
			charts = append(charts, Chart{"ch-scores", axisChart(cats, bar(L("col.responses"), counts))})
			break
		}
	}
	if d.Bonus != nil {
		charts = append(charts, Chart{"ch-bonus", bonusChart(d.Bonus, L)})
	}
	return charts
}

func groupChart(rows []KPIRow, level string, L func(string) string) obj {
	var cats []string
	var net, gross []any
	for _, r := range rows {
		if r.Level == level {
			cats = append(cats, r.Name)
			net = append(net, centsText(int64(r.NetSales)))
			gross = append(gross, centsText(int64(r.GrossSales)))
		}
	}
	return axisChart(cats, bar(L("m.net_sales"), net), bar(L("m.gross_sales"), gross))
}

// funnelChart draws the cohort funnel as horizontal bars, widest first:
// one base, so each bar is a part of the one above. Labels sit in the
// plot's dark ink beside the bar, never on it, so no stage's colour can
// hide its label.
func funnelChart(d *dashData, L func(string) string) obj {
	var cats []string
	var data []any
	for i := len(d.Funnel) - 1; i >= 0; i-- {
		s := d.Funnel[i]
		cats = append(cats, L("funnel."+s.Stage))
		data = append(data, json.Number(strconv.FormatInt(s.Customers, 10)))
	}
	return obj{
		"animation": false,
		"grid":      obj{"left": 8, "right": 48, "top": 8, "bottom": 8, "containLabel": true},
		"tooltip":   obj{"trigger": "axis", "confine": true},
		"xAxis":     obj{"type": "value"},
		"yAxis":     obj{"type": "category", "data": cats},
		"series": []obj{{"type": "bar", "name": L("col.customers"), "data": data, "itemStyle": obj{"color": "#2563eb"},
			"label": obj{"show": true, "position": "right", "color": "#1f2933"}}},
	}
}

// liftChart shows the company's monthly lifts over the last year against
// the baseline, with each target as a line.
func liftChart(d *dashData, opt DashboardOptions, L func(string) string) obj {
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
	effBar, winBar := bar(L("lift.efficiency"), eff), bar(L("lift.win_rate"), win)
	target := func(s obj, t *big.Rat) {
		if t != nil {
			// The label sits inside the plot, above the line's end: past the
			// end it is clipped by the chart's edge.
			s["markLine"] = obj{"symbol": "none", "label": obj{"formatter": L("target") + " " + FormatSignedPercent(t), "position": "insideEndTop"}, "lineStyle": obj{"type": "dashed"},
				"data": []obj{{"yAxis": chartNumber(t, 6)}}}
		}
	}
	target(effBar, opt.Targets.EfficiencyLift)
	target(winBar, opt.Targets.WinRateLift)
	// Two targets close together would print their labels on each other:
	// the win rate's goes to the start of its line, below it.
	if ml, ok := winBar["markLine"].(obj); ok {
		ml["label"].(obj)["position"] = "insideStartBottom"
	}
	return axisChart(months, effBar, winBar)
}

// bonusTopN is how many reps the bonus bar names; the rest are summed
// into one "others" bar, so the chart stays readable at any roster size.
const bonusTopN = 10

// bonusChart is the split of the pool as horizontal bars, largest on top
// (the allocations come sorted by amount).
func bonusChart(b *bonusSummary, L func(string) string) obj {
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
		data = append(data, obj{"value": centsText(others), "itemStyle": obj{"color": "#9aa5b1"}})
	}
	return obj{
		"animation": false,
		"grid":      obj{"left": 8, "right": 40, "top": 8, "bottom": 8, "containLabel": true},
		"tooltip":   obj{"trigger": "axis", "confine": true},
		"xAxis":     obj{"type": "value"},
		"yAxis":     obj{"type": "category", "data": cats, "inverse": true, "axisLabel": obj{"width": 140, "overflow": "truncate"}},
		"series":    []obj{{"type": "bar", "name": L("sec.bonus"), "data": data}},
	}
}

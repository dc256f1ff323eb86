package reports

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Every report's chart is built with go-echarts' typed options and
// serialised with its JSON(); go-echarts' page rendering and its CDN
// assets are never used: the page inlines our embedded ECharts and
// template (page.go), so a report stays one offline file.
//
// Series data are kept as ECharts' plain values (a JSON number written
// from exact decimal text by chartNumber, or null for a gap) rather than
// go-echarts' {value: …} items: the dashboard's explore.js and its tests
// read and replace series data positionally as plain values. An item that
// needs its own style is a go-echarts opts.BarData.

// echart is a go-echarts chart (*charts.Bar, *charts.Line, …).
type echart interface {
	Accept(charts.ConfigurationVisitor)
	Validate()
	JSON() map[string]interface{}
}

// ChartOption is a chart's typed options; it marshals to the ECharts
// option object the page passes to setOption.
type ChartOption struct{ chart echart }

// MarshalJSON writes go-echarts' option object. html/template marshals it
// in the page's script, with its escaping for a script element.
func (o ChartOption) MarshalJSON() ([]byte, error) {
	if o.chart == nil {
		return []byte("null"), nil
	}
	b, err := json.Marshal(o.chart.JSON())
	if err != nil {
		return nil, fmt.Errorf("serialising a chart's options: %w", err)
	}
	return b, nil
}

// newChart readies c for the page with id as its element.
func newChart(id string, c echart) Chart {
	c.Accept(chartVisitor{})
	c.Validate()
	return Chart{ID: id, Option: ChartOption{c}}
}

// chartVisitor extends go-echarts' serialisation where its options fall
// short of what the reports draw.
type chartVisitor struct {
	charts.BaseConfigurationVisitor
}

// confinedTooltip adds ECharts' tooltip.confine, which opts.Tooltip lacks:
// a tooltip stays inside its chart, so on a phone it never widens the page.
type confinedTooltip struct {
	opts.Tooltip
	Confine bool `json:"confine"`
}

func (chartVisitor) VisitTooltipOpt(t opts.Tooltip) interface{} {
	return confinedTooltip{Tooltip: t, Confine: true}
}

// Visit drops the title and toolbox go-echarts always writes: no report
// chart has either (each has its heading in the page), and empty ones
// only weigh on the file.
func (chartVisitor) Visit(o map[string]interface{}) {
	delete(o, "title")
	delete(o, "toolbox")
}

// barSeries and lineSeries are series of plain values (see above).
func barSeries(name string, data []any) charts.SingleSeries {
	return charts.SingleSeries{Name: name, Type: types.ChartBar, Data: data}
}

func lineSeries(name string, data []any) charts.SingleSeries {
	// A gap stays a gap: a month without a figure is not joined over.
	return charts.SingleSeries{Name: name, Type: types.ChartLine, Data: data, ConnectNulls: opts.Bool(false), SymbolSize: 5}
}

// noLegend is for charts of one series, named by their section's heading.
var noLegend = opts.Legend{Show: opts.Bool(false)}

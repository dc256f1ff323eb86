package reports

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/money"
)

// cardBook is a scorecard workbook being built: the file, its styles and
// the first error, so the sheet code reads as a list of cells.
type cardBook struct {
	f                                         *excelize.File
	lang                                      i18n.Lang
	currency                                  string
	err                                       error
	head, title, money, pct, lift, count, dec int
}

func (b *cardBook) L(key string) string { return b.lang.T(key) }

func (b *cardBook) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// str writes text as a string cell: "=HYPERLINK(…)" stays text.
func (b *cardBook) str(sheet string, col, row int, s string, style int) {
	b.check(b.f.SetCellStr(sheet, cell(col, row), s))
	if style != 0 {
		b.check(b.f.SetCellStyle(sheet, cell(col, row), cell(col, row), style))
	}
}

// num writes exact decimal text as a number cell; "" leaves it empty.
func (b *cardBook) num(sheet string, col, row int, text string, style int) {
	if text != "" {
		b.check(b.f.SetCellDefault(sheet, cell(col, row), text))
	}
	b.check(b.f.SetCellStyle(sheet, cell(col, row), cell(col, row), style))
}

// rateText is an exact rate as number text, twelve places at most.
func rateText(r *big.Rat) string { return money.RateString(r) }

func (b *cardBook) newStyle(s *excelize.Style) int {
	id, err := b.f.NewStyle(inFont(b.lang, s))
	b.check(err)
	return id
}

func buildScorecards(d *scoreData, opt DashboardOptions) (*excelize.File, error) {
	lang := i18n.Parse(opt.Language)
	f, err := newWorkbookFile(lang)
	if err != nil {
		return nil, err
	}
	b := &cardBook{f: f, lang: lang, currency: opt.BaseCurrency}
	sym := strings.ReplaceAll(CurrencySymbol(opt.BaseCurrency), `"`, "")
	fmtOf := func(s string) *excelize.Style { return &excelize.Style{CustomNumFmt: &s} }
	b.money = b.newStyle(fmtOf(`"` + sym + `"#,##0.00;-"` + sym + `"#,##0.00`))
	b.pct = b.newStyle(fmtOf("0.0%"))
	b.lift = b.newStyle(fmtOf("+0.0%;-0.0%;0.0%"))
	b.count = b.newStyle(fmtOf("#,##0"))
	b.dec = b.newStyle(fmtOf("#,##0.00"))
	b.head = b.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	b.title = b.newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	names := newSheetNamer()
	summary := names.name(b.L("sheet.summary"), "Summary")
	b.check(b.f.SetSheetName("Sheet1", summary))
	b.summarySheet(summary, d, opt)
	for _, r := range d.Month {
		sheet := names.name(r.Name, r.Key)
		if _, err := b.f.NewSheet(sheet); err != nil {
			return nil, fmt.Errorf("sheet for rep %s: %w", r.Key, err)
		}
		b.repSheet(sheet, r, d, opt)
	}
	b.f.SetActiveSheet(0)
	if b.err != nil {
		b.f.Close()
		return nil, b.err
	}
	return b.f, nil
}

func (b *cardBook) summarySheet(sheet string, d *scoreData, opt DashboardOptions) {
	heads := []string{"col.rank", "col.rep", "col.team", "col.region", "m.net_sales", "m.gross_sales", "m.won_deals", "m.lost_deals",
		"m.win_rate", "m.new_customers", "m.followups", "m.efficiency", "lift.efficiency", "lift.win_rate", "m.lead_conversion", "m.csat", "m.coverage"}
	for i, h := range heads {
		b.str(sheet, i+1, 1, b.L(h), b.head)
	}
	last := len(d.Month) + 1
	for i, r := range d.Month {
		row := i + 2
		base, hasBase := d.Base[r.Key]
		var effLift, winLift *big.Rat
		if hasBase {
			effLift, winLift = Lift(r.Efficiency, base.Efficiency), Lift(r.WinRate, base.WinRate)
		}
		cov := d.Coverage["rep/"+r.Key]
		b.num(sheet, 1, row, strconv.Itoa(i+1), b.count)
		b.str(sheet, 2, row, r.Name, 0)
		b.str(sheet, 3, row, r.Team, 0)
		b.str(sheet, 4, row, r.Region, 0)
		b.num(sheet, 5, row, r.NetSales.String(), b.money)
		b.num(sheet, 6, row, r.GrossSales.String(), b.money)
		b.num(sheet, 7, row, strconv.FormatInt(r.WonDeals, 10), b.count)
		b.num(sheet, 8, row, strconv.FormatInt(r.LostDeals, 10), b.count)
		b.num(sheet, 9, row, rateText(r.WinRate), b.pct)
		b.num(sheet, 10, row, strconv.FormatInt(r.NewCustomers, 10), b.count)
		b.num(sheet, 11, row, strconv.FormatInt(r.Followups, 10), b.count)
		b.num(sheet, 12, row, money.FormatRat(r.Efficiency, 2), b.money)
		b.num(sheet, 13, row, rateText(effLift), b.lift)
		b.num(sheet, 14, row, rateText(winLift), b.lift)
		b.num(sheet, 15, row, rateText(r.LeadConversion), b.pct)
		b.num(sheet, 16, row, rateText(r.CSAT), b.pct)
		b.num(sheet, 17, row, rateText(ratio(cov.Covered, cov.Active)), b.pct)
	}
	// The legend and the chart go below the table, within its columns:
	// beside it they made the printed page twice as wide.
	b.str(sheet, 1, last+2, b.L("sc.legend"), 0)
	if st := opt.Status.Text(b.lang); st != "" {
		b.str(sheet, 1, last+3, st, 0)
	}
	if len(d.Month) > 0 {
		b.targetColours(sheet, "M", last, opt.Targets.EfficiencyLift)
		b.targetColours(sheet, "N", last, opt.Targets.WinRateLift)
		b.check(b.f.AddChart(sheet, cell(2, last+5), &excelize.Chart{
			Type:      excelize.Col,
			Title:     b.chartTitle(b.L("sc.ranking")),
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 720, Height: 360},
			XAxis:     excelize.ChartAxis{Font: chartFont(b.lang, false)},
			YAxis:     excelize.ChartAxis{Font: chartFont(b.lang, false), NumFmt: chartMoneyAxis(b.lang, b.currency), MajorGridLines: true},
			Series: []excelize.ChartSeries{{Name: sheetRef(sheet, "$E$1"), Categories: sheetRef(sheet, fmt.Sprintf("$B$2:$B$%d", last)),
				Values: sheetRef(sheet, fmt.Sprintf("$E$2:$E$%d", last))}},
		}))
	}
	b.check(b.f.SetColWidth(sheet, "B", "B", 24))
	b.check(b.f.SetColWidth(sheet, "C", "Q", 13))
	b.check(b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}))
	b.check(printSheet(b.f, b.lang, sheet, sheetPrint{Cols: len(heads), TitleFirst: 1, TitleLast: 1}))
}

// chartTitle is a chart's title in the workbook's font.
func (b *cardBook) chartTitle(text string) excelize.ChartTitle {
	font := chartFont(b.lang, true)
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: &font}}}
}

// targetColours marks a lift column green at or above its target and red
// below it; empty cells (no baseline) stay plain.
func (b *cardBook) targetColours(sheet, col string, last int, target *big.Rat) {
	if target == nil {
		return
	}
	good, err := b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "006100"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C6EFCE"}}})
	b.check(err)
	bad, err := b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	b.check(err)
	t := money.FormatRat(target, 12)
	first := col + "2"
	b.check(b.f.SetConditionalFormat(sheet, fmt.Sprintf("%s2:%s%d", col, col, last), []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>=%s)", first, first, t), Format: &good},
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s<%s)", first, first, t), Format: &bad},
	}))
}

// repMetric is one row of a rep's sheet.
type repMetric struct {
	key   string
	text  func(r KPIRow) string
	style func(b *cardBook) int
}

var repMetrics = []repMetric{
	{"m.net_sales", func(r KPIRow) string { return r.NetSales.String() }, func(b *cardBook) int { return b.money }},
	{"m.gross_sales", func(r KPIRow) string { return r.GrossSales.String() }, func(b *cardBook) int { return b.money }},
	{"m.cancellations", func(r KPIRow) string { return r.Cancellations.String() }, func(b *cardBook) int { return b.money }},
	{"m.won_deals", func(r KPIRow) string { return strconv.FormatInt(r.WonDeals, 10) }, func(b *cardBook) int { return b.count }},
	{"m.lost_deals", func(r KPIRow) string { return strconv.FormatInt(r.LostDeals, 10) }, func(b *cardBook) int { return b.count }},
	{"m.win_rate", func(r KPIRow) string { return rateText(r.WinRate) }, func(b *cardBook) int { return b.pct }},
	{"m.new_customers", func(r KPIRow) string { return strconv.FormatInt(r.NewCustomers, 10) }, func(b *cardBook) int { return b.count }},
	{"m.followups", func(r KPIRow) string { return strconv.FormatInt(r.Followups, 10) }, func(b *cardBook) int { return b.count }},
	{"m.efficiency", func(r KPIRow) string { return money.FormatRat(r.Efficiency, 2) }, func(b *cardBook) int { return b.money }},
	{"m.followups_per_won_deal", func(r KPIRow) string { return rateText(r.FollowupsPerWonDeal) }, func(b *cardBook) int { return b.dec }},
	{"m.avg_cycle_days", func(r KPIRow) string { return rateText(r.AvgCycleDays) }, func(b *cardBook) int { return b.dec }},
	{"m.leads", func(r KPIRow) string { return strconv.FormatInt(r.Leads, 10) }, func(b *cardBook) int { return b.count }},
	{"m.converted_leads", func(r KPIRow) string { return strconv.FormatInt(r.ConvertedLeads, 10) }, func(b *cardBook) int { return b.count }},
	{"m.lead_conversion", func(r KPIRow) string { return rateText(r.LeadConversion) }, func(b *cardBook) int { return b.pct }},
	{"m.responses", func(r KPIRow) string { return strconv.FormatInt(r.Responses, 10) }, func(b *cardBook) int { return b.count }},
	{"m.csat", func(r KPIRow) string { return rateText(r.CSAT) }, func(b *cardBook) int { return b.pct }},
	{"m.avg_score", func(r KPIRow) string { return rateText(r.AvgScore) }, func(b *cardBook) int { return b.dec }},
	{"m.nps", func(r KPIRow) string { return rateText(r.NPS) }, func(b *cardBook) int { return b.dec }},
}

func (b *cardBook) repSheet(sheet string, r KPIRow, d *scoreData, opt DashboardOptions) {
	b.str(sheet, 1, 1, r.Name, b.title)
	b.str(sheet, 1, 2, strings.Trim(r.Key+" · "+r.Team+" · "+r.Region, " ·"), 0)
	cols := []string{"col.metric", "col.month", "col.prev", "col.yearago", "col.baseline"}
	for i, c := range cols {
		b.str(sheet, i+1, 4, b.L(c), b.head)
	}
	periods := []map[string]KPIRow{{r.Key: r}, d.Prev, d.YearAgo, d.Base}
	for i, m := range repMetrics {
		row := 5 + i
		label := b.L(m.key)
		if m.key == "m.lead_conversion" && r.ConversionProvisional {
			label += " (" + b.L("provisional") + ")"
		}
		b.str(sheet, 1, row, label, 0)
		for j, p := range periods {
			if x, ok := p[r.Key]; ok {
				b.num(sheet, 2+j, row, m.text(x), m.style(b))
			}
		}
	}
	// The trend: net sales and win rate of the last twelve months.
	b.str(sheet, 7, 4, b.L("col.period"), b.head)
	b.str(sheet, 8, 4, b.L("m.net_sales"), b.head)
	b.str(sheet, 9, 4, b.L("m.win_rate"), b.head)
	byMonth := map[string]KPIRow{}
	for _, x := range d.Trend[r.Key] {
		byMonth[x.Period] = x
	}
	for i, m := range d.Months {
		b.str(sheet, 7, 5+i, m, 0)
		x, ok := byMonth[m]
		if !ok {
			continue
		}
		b.num(sheet, 8, 5+i, x.NetSales.String(), b.money)
		b.num(sheet, 9, 5+i, rateText(x.WinRate), b.pct)
	}
	// The chart goes below the metrics, so the sheet prints on one page.
	chartRow := 5 + len(repMetrics) + 1
	if n := len(d.Months); n > 0 {
		b.check(b.f.AddChart(sheet, cell(1, chartRow), &excelize.Chart{
			Type:      excelize.Line,
			Title:     b.chartTitle(b.L("sheet.trend")),
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 560, Height: 300},
			XAxis:     excelize.ChartAxis{Font: chartFont(b.lang, false)},
			YAxis:     excelize.ChartAxis{Font: chartFont(b.lang, false), NumFmt: chartMoneyAxis(b.lang, b.currency), MajorGridLines: true},
			Series: []excelize.ChartSeries{{Name: sheetRef(sheet, "$H$4"), Categories: sheetRef(sheet, fmt.Sprintf("$G$5:$G$%d", 4+n)),
				Values: sheetRef(sheet, fmt.Sprintf("$H$5:$H$%d", 4+n))}},
		}))
	}
	b.check(b.f.SetColWidth(sheet, "A", "A", 26))
	b.check(b.f.SetColWidth(sheet, "B", "E", 16))
	b.check(b.f.SetColWidth(sheet, "G", "I", 13))
	b.check(printSheet(b.f, b.lang, sheet, sheetPrint{Cols: 9, TitleFirst: 4, TitleLast: 4, OnePage: true}))
}

package reports

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// WorkbookOptions are the configuration settings the finance workbook reads.
type WorkbookOptions struct {
	Language     string         // "en" or "zh-CN"; anything else is English
	BaseCurrency string         // ISO code such as "CNY"; money cells show its symbol
	Build        buildinfo.Info // the salesops writing it, in the document properties
	Status       MonthStatus    // a reopened month's reason; a closed month's comes from the month itself
}

// WriteBonusWorkbook writes the finance workbook for b (already loaded, or
// frozen for a closed month) to path via WriteFile. The detail sheets
// (deals, new customers, responses, data quality) are read from db for
// b.Period; every figure of the allocation comes from b itself, so a
// closed month shows its frozen numbers.
func WriteBonusWorkbook(ctx context.Context, db *sql.DB, b bonus.Month, opt WorkbookOptions, path string) error {
	p, err := period.Parse(b.Period)
	if err != nil || p.Kind != period.Month {
		return fmt.Errorf("writing the bonus workbook: period %q is not a month", b.Period)
	}
	d, _, err := showDetail(ctx, liveDetail(db, p), "")
	if err != nil {
		return fmt.Errorf("writing the bonus workbook of %s: %w", b.Period, err)
	}
	return writeBonusWorkbook(ctx, b, d, opt, path)
}

// WriteBonusWorkbookOf writes the finance workbook of b with the detail
// sheets of in, live or frozen with b, and the full detail of each sheet
// too long for it beside it (workbook_cap.go); it returns those CSVs. The
// CSVs are written first, as the detail passes on its way to the sheets.
func WriteBonusWorkbookOf(ctx context.Context, b bonus.Month, in *MonthInputs, opt WorkbookOptions, path string) ([]string, error) {
	if in.Period != b.Period {
		return nil, fmt.Errorf("writing the bonus workbook of %s: its detail is of %s", b.Period, in.Period)
	}
	d, csvs, err := showDetail(ctx, in.detail, path)
	if err != nil {
		return csvs, fmt.Errorf("writing the bonus workbook of %s: %w", b.Period, err)
	}
	return csvs, writeBonusWorkbook(ctx, b, d, opt, path)
}

func writeBonusWorkbook(ctx context.Context, b bonus.Month, d shownDetail, opt WorkbookOptions, path string) error {
	data, err := buildBonusWorkbook(b, d, opt)
	if err != nil {
		return fmt.Errorf("writing the bonus workbook of %s: %w", b.Period, err)
	}
	return WriteFile(ctx, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// buildBonusWorkbook renders the whole workbook in memory. Cached formula
// values are patched into the package afterwards (setCachedValues), since
// excelize keeps a formula cell's value only as a string.
func buildBonusWorkbook(b bonus.Month, d shownDetail, opt WorkbookOptions) ([]byte, error) {
	wb := newBook(opt)
	defer wb.f.Close()
	wb.addSheets()
	wb.rowSheets("deals", "newcustomers", "responses", "quality", "statements")
	lay := newAllocLayout(b)
	wb.summarySheet(b, lay)
	wb.allocationSheet(b, lay)
	wb.dealsSheet(d.sheets)
	wb.capNote("deals", d.n["deals"])
	wb.newCustomersSheet(d.sheets)
	wb.capNote("newcustomers", d.n["newcustomers"])
	wb.responsesSheet(d.sheets)
	wb.capNote("responses", d.n["responses"])
	wb.adjustmentsSheet(b)
	wb.qualitySheet(d.sheets)
	wb.capNote("quality", d.n["quality"])
	wb.statementSheet(b, d)
	wb.renderRows()
	if wb.err != nil {
		return nil, wb.err
	}
	wb.f.SetActiveSheet(0)
	if err := stampWorkbook(wb.f, opt.Build); err != nil {
		return nil, err
	}
	buf, err := wb.f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("rendering the workbook: %w", err)
	}
	return setCachedValues(buf.Bytes(), wb.cached, wb.rowXML)
}

// cachedValue is what a formula cell shows before any recalculation.
type cachedValue struct {
	kind byte // 'n' number, 's' string
	v    string
}

// book is the workbook under construction. The first error sticks and
// turns every later call into a no-op, so the sheet builders read as a
// layout rather than as error plumbing.
type book struct {
	f      *excelize.File
	lang   i18n.Lang
	cur    string
	err    error
	cached map[string]map[string]cachedValue // sheet → cell → value
	status MonthStatus
	st     workbookStyles
	// headings are the rows on each sheet with a cell in a wrapping style
	// (column headings, sentences), made tall enough for their text when
	// the sheet is laid out: no reader grows a row for it on opening.
	headings map[string][]int
	// rows are the long sheets' cells and rowXML their rendered rows
	// (workbook_rows.go), by sheet.
	rows   map[string]*rowSheet
	rowXML map[string][]byte
}

type workbookStyles struct {
	title, header, bold, wrap, money, moneyBold, raw, rate, share, mult, integer int
}

func newBook(opt WorkbookOptions) *book {
	lang := i18n.Parse(opt.Language)
	wb := &book{lang: lang, cur: opt.BaseCurrency, cached: map[string]map[string]cachedValue{}, status: opt.Status, headings: map[string][]int{}}
	if wb.f, wb.err = newWorkbookFile(lang); wb.err != nil {
		wb.f = excelize.NewFile() // closed by the caller; nothing is written to it
		return wb
	}
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	moneyFmt := moneyFormat(opt.BaseCurrency)
	for _, s := range []struct {
		dst   *int
		style excelize.Style
	}{
		{&wb.st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&wb.st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7ECF3"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&wb.st.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&wb.st.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&wb.st.money, excelize.Style{CustomNumFmt: &moneyFmt}},
		{&wb.st.moneyBold, excelize.Style{CustomNumFmt: &moneyFmt, Font: &excelize.Font{Bold: true}}},
		{&wb.st.raw, excelize.Style{CustomNumFmt: ptrTo("#,##0.000000")}},
		{&wb.st.rate, excelize.Style{CustomNumFmt: ptrTo("0.00%")}},
		{&wb.st.share, excelize.Style{CustomNumFmt: ptrTo("0.0000")}},
		{&wb.st.mult, excelize.Style{CustomNumFmt: ptrTo("0.00")}},
		{&wb.st.integer, excelize.Style{NumFmt: 1}},
	} {
		if wb.err == nil {
			*s.dst, wb.err = wb.f.NewStyle(inFont(lang, &s.style))
		}
	}
	return wb
}

func ptrTo[T any](v T) *T { return &v }

// moneyFormat shows the base currency: the yuan sign for CNY, otherwise the
// ISO code after the amount. Only a plain three-letter code reaches the
// format string, so configuration text cannot break it.
func moneyFormat(cur string) string {
	switch {
	case cur == "CNY" || cur == "":
		return `"¥"#,##0.00;-"¥"#,##0.00`
	case regexp.MustCompile(`^[A-Z]{3}$`).MatchString(cur):
		return `#,##0.00" ` + cur + `";-#,##0.00" ` + cur + `"`
	}
	return "#,##0.00"
}

// addSheets creates every sheet up front, so formulas and defined names can
// refer to sheets built later.
func (wb *book) addSheets() {
	names := wb.sheetNames()
	if wb.err = wb.f.SetSheetName("Sheet1", names[0]); wb.err != nil {
		return
	}
	for _, n := range names[1:] {
		if _, err := wb.f.NewSheet(n); err != nil {
			wb.err = err
			return
		}
	}
}

// sheet returns the localised name of sheet key.
func (wb *book) sheet(key string) string { return wb.t("sheet." + key) }

func (wb *book) sheetNames() []string {
	var out []string
	for _, k := range []string{"summary", "allocation", "deals", "newcustomers", "responses", "adjustments", "quality", "statements"} {
		out = append(out, wb.sheet(k))
	}
	return out
}

// quoteSheet is a sheet name as formulas and defined names refer to it.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

func cellRef(col, row int) string {
	r, _ := excelize.CoordinatesToCellName(col, row)
	return r
}

func absRef(col, row int) string {
	r, _ := excelize.CoordinatesToCellName(col, row, true)
	return r
}

// reserve makes room for n more cells in sheet when it is a long sheet:
// its writer knows its lines before it writes them, and the cells of the
// deals and responses sheets (300,000 at 10M deals) grown by append were
// copied and faulted in again at every doubling.
func (wb *book) reserve(sheet string, n int) {
	if rs := wb.rows[sheet]; rs != nil {
		rs.cells = slices.Grow(rs.cells, n)
	}
}

// str writes text as a string cell: never a formula, whatever it holds.
func (wb *book) str(sheet string, col, row int, s string, style int) {
	if wb.err != nil {
		return
	}
	if rs := wb.rows[sheet]; rs != nil {
		rs.add(col, row, s, style, false)
	} else {
		wb.err = wb.f.SetCellStr(sheet, cellRef(col, row), s)
		wb.setStyle(sheet, col, row, style)
	}
	if style != 0 && (style == wb.st.header || style == wb.st.wrap) {
		if h := wb.headings[sheet]; len(h) == 0 || h[len(h)-1] != row {
			wb.headings[sheet] = append(h, row)
		}
	}
}

var decimalText = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// num writes exact decimal text as a number cell, the text itself being the
// stored value (no float conversion). Empty text leaves the cell empty.
func (wb *book) num(sheet string, col, row int, text string, style int) {
	if wb.err != nil || text == "" {
		return
	}
	if !decimalText.MatchString(text) {
		wb.err = fmt.Errorf("%s!%s: %q is not a decimal", sheet, cellRef(col, row), text)
		return
	}
	if rs := wb.rows[sheet]; rs != nil {
		rs.add(col, row, text, style, true)
		return
	}
	wb.err = wb.f.SetCellDefault(sheet, cellRef(col, row), text)
	wb.setStyle(sheet, col, row, style)
}

func (wb *book) money(sheet string, col, row int, c money.Cents, style int) {
	wb.num(sheet, col, row, c.String(), style)
}

func (wb *book) boolean(sheet string, col, row int, v bool) {
	if wb.err == nil && wb.rows[sheet] != nil {
		wb.err = fmt.Errorf("%s!%s: a long sheet holds no booleans", sheet, cellRef(col, row))
	}
	if wb.err == nil {
		wb.err = wb.f.SetCellBool(sheet, cellRef(col, row), v)
	}
}

// formula writes a formula and remembers the value it must show unrecalculated.
func (wb *book) formula(sheet string, col, row int, f string, cached cachedValue, style int) {
	if wb.err != nil {
		return
	}
	if wb.rows[sheet] != nil {
		wb.err = fmt.Errorf("%s!%s: a long sheet holds no formulas", sheet, cellRef(col, row))
		return
	}
	if cached.kind == 'n' && !decimalText.MatchString(cached.v) {
		wb.err = fmt.Errorf("%s!%s: cached value %q is not a decimal", sheet, cellRef(col, row), cached.v)
		return
	}
	ref := cellRef(col, row)
	if wb.err = wb.f.SetCellFormula(sheet, ref, f); wb.err != nil {
		return
	}
	if wb.cached[sheet] == nil {
		wb.cached[sheet] = map[string]cachedValue{}
	}
	wb.cached[sheet][ref] = cached
	wb.setStyle(sheet, col, row, style)
}

func numVal(s string) cachedValue { return cachedValue{'n', s} }
func strVal(s string) cachedValue { return cachedValue{'s', s} }

func (wb *book) setStyle(sheet string, col, row, style int) {
	if wb.err == nil && style != 0 {
		wb.err = wb.f.SetCellStyle(sheet, cellRef(col, row), cellRef(col, row), style)
	}
}

// header writes a header row in the header style.
func (wb *book) header(sheet string, row int, keys ...string) {
	for i, k := range keys {
		wb.str(sheet, i+1, row, wb.t(k), wb.st.header)
	}
}

// layout freezes the rows above firstData, sets column widths and sets the
// sheet up for printing (printSheet), the row above firstData (the column
// headings) repeated on every page, or the title row of a sheet without a
// table.
func (wb *book) layout(sheet string, firstData int, widths ...float64) {
	if wb.err != nil {
		return
	}
	if firstData > 1 {
		wb.err = wb.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: firstData - 1,
			TopLeftCell: cellRef(1, firstData), ActivePane: "bottomLeft"})
	}
	for i, w := range widths {
		if wb.err == nil {
			c, _ := excelize.ColumnNumberToName(i + 1)
			wb.err = wb.f.SetColWidth(sheet, c, c, w)
		}
	}
	title := max(firstData-1, 1)
	if rs := wb.rows[sheet]; rs != nil {
		// Its rows are sized when rendered (renderRows), after any note
		// written below the table.
		rs.cols, rs.fit = len(widths), map[int]bool{title: true}
		for _, r := range wb.headings[sheet] {
			rs.fit[r] = true
		}
	}
	if wb.err == nil {
		wb.err = printSheet(wb.f, wb.lang, sheet, sheetPrint{Cols: len(widths), TitleFirst: title, TitleLast: title, Headings: wb.headings[sheet],
			Sized: wb.rows[sheet] != nil})
	}
}

// rowSheets makes the sheets of keys long sheets (workbook_rows.go).
func (wb *book) rowSheets(keys ...string) {
	wb.rows, wb.rowXML = map[string]*rowSheet{}, map[string][]byte{}
	for _, k := range keys {
		wb.rows[wb.sheet(k)] = &rowSheet{}
	}
}

// renderRows renders every long sheet, once all of its cells are written.
func (wb *book) renderRows() {
	for _, name := range wb.sheetNames() {
		rs := wb.rows[name]
		if rs == nil || wb.err != nil {
			continue
		}
		wb.rowXML[name], wb.err = rs.render(wb.f, wb.lang, name, rs.cols, rs.fit)
		delete(wb.rows, name)
	}
}

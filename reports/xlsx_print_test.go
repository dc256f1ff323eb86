package reports

import (
	"archive/zip"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/i18n"
)

// TestPrintPolicy reads the print setup of every sheet of every workbook
// back with excelize: A4, fitted one page wide (and one tall only where a
// sheet is meant to be one page), landscape exactly when the columns are
// wider than portrait paper, a print-titles row, that row tall enough for
// its wrapped headings, and every font of the workbook (the default, each
// style of a heading, the charts' text) in the language's one family; the
// charts' money axes carry the cells' currency format.
func TestPrintPolicy(t *testing.T) {
	for _, lang := range []string{"en", "zh-CN"} {
		t.Run(lang, func(t *testing.T) {
			for _, b := range writePrintFixture(t, t.TempDir(), lang) {
				t.Run(b.name, func(t *testing.T) { checkPrintSetup(t, lang, b.xlsx) })
			}
		})
	}
}

func checkPrintSetup(t *testing.T, lang, path string) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	family := workbookFont(i18n.Lang(lang))
	if got, err := f.GetDefaultFont(); err != nil || got != family {
		t.Errorf("default font %q (%v), want %q", got, err, family)
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		lay, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if lay.Size == nil || *lay.Size != paperA4 || lay.FitToWidth == nil || *lay.FitToWidth != 1 ||
			props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: size %v, fit to width %v, fit to page %v: want A4 fitted one page wide", sheet, deref(lay.Size), deref(lay.FitToWidth), deref(props.FitToPage))
		}
		onePage := strings.HasPrefix(path[strings.LastIndex(path, "/")+1:], "statement") ||
			(strings.Contains(path, "scorecards") && sheet != f.GetSheetList()[0])
		if tall := deref(lay.FitToHeight); (onePage && tall != 1) || (!onePage && tall != 0) {
			t.Errorf("%s: fit to height %d (one page: %v)", sheet, tall, onePage)
		}
		ref, ok := titles[sheet]
		m := titleRows.FindStringSubmatch(ref)
		if !ok || m == nil {
			t.Errorf("%s: no print titles (%q)", sheet, ref)
			continue
		}
		row, _ := strconv.Atoi(m[2])
		cols := usedCols(t, f, sheet, row)
		width, err := sheetWidth(f, sheet, cols)
		if err != nil {
			t.Fatal(err)
		}
		wantOrient := "portrait"
		if width > portraitWidth && !strings.Contains(path, "statement") {
			wantOrient = "landscape"
		}
		if lay.Orientation == nil || *lay.Orientation != wantOrient {
			t.Errorf("%s: %v, want %s for %.0f units of columns", sheet, deref(lay.Orientation), wantOrient, width)
		}
		checkColumnsFit(t, f, sheet, widestColumn[deref(lay.Orientation)])
		checkHeadingRow(t, f, lang, sheet, row, cols)
	}
	checkCharts(t, lang, path)
}

var (
	titleRows = regexp.MustCompile(`!\$([0-9]+):\$([0-9]+)$`)
	numFmts   = regexp.MustCompile(`<[a-z:]*numFmt [^>]*>`)
)

// usedCols is the number of columns up to the last non-empty cell of any
// of the sheet's first rows through row (the widest of title, notes and
// headings).
func usedCols(t *testing.T, f *excelize.File, sheet string, row int) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	n := 1
	for i := 0; i < row && i < len(rows); i++ {
		for c, v := range rows[i] {
			if v != "" {
				n = max(n, c+1)
			}
		}
	}
	return n
}

// checkColumnsFit: no column holding a cell is wider than the paper
// takes at 100%, which LibreOffice would clip rather than scale.
func checkColumnsFit(t *testing.T, f *excelize.File, sheet string, widest float64) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	for c := 1; c <= cols; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		if w, err := f.GetColWidth(sheet, name); err != nil || w > widest {
			t.Errorf("%s column %s: %.0f units wide (%v), more than the %.0f a page holds", sheet, name, w, err, widest)
		}
	}
}

// checkHeadingRow: the row's height holds the most lines any of its
// wrapped cells takes, and each of its cells' fonts is the family's.
func checkHeadingRow(t *testing.T, f *excelize.File, lang, sheet string, row, cols int) {
	t.Helper()
	h, err := f.GetRowHeight(sheet, row)
	if err != nil {
		t.Fatal(err)
	}
	for c := 1; c <= cols; c++ {
		ref := cellRef(c, row)
		text, _ := f.GetCellValue(sheet, ref)
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Font != nil && st.Font.Family != workbookFont(i18n.Lang(lang)) {
			t.Errorf("%s!%s %q: font %q, want %q", sheet, ref, text, st.Font.Family, workbookFont(i18n.Lang(lang)))
		}
		if text == "" || st.Alignment == nil || !st.Alignment.WrapText {
			continue
		}
		name, _ := excelize.ColumnNumberToName(c)
		w, _ := f.GetColWidth(sheet, name)
		size, bold := baseFontSize, false
		if st.Font != nil {
			bold = st.Font.Bold
			if st.Font.Size > 0 {
				size = st.Font.Size
			}
		}
		if need := float64(wrappedLines(text, w, size, bold)) * lineHeight(i18n.Lang(lang), size); h < math.Floor(need) {
			t.Errorf("%s row %d: %.1f pt tall, %q needs %.1f", sheet, row, h, text, need)
		}
	}
}

// checkCharts reads each chart part: its text in the family, its value
// axis in a currency format (not General, which shows 1600000).
func checkCharts(t *testing.T, lang, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		data, err := readZipFile(zf)
		if err != nil {
			t.Fatal(err)
		}
		x := string(data)
		if !strings.Contains(x, `typeface="`+workbookFont(i18n.Lang(lang))+`"`) {
			t.Errorf("%s: no text in %s", zf.Name, workbookFont(i18n.Lang(lang)))
		}
		want := excelizeEscape(chartMoneyAxis(i18n.Lang(lang), "CNY").CustomNumFmt)
		if !strings.Contains(x, `formatCode="`+want+`" sourceLinked="false"`) {
			t.Errorf("%s: the value axis is not formatted as %s: %q", zf.Name, want, numFmts.FindAllString(x, -1))
		}
	}
}

// excelizeEscape is a format code as it stands in an XML attribute.
func excelizeEscape(s string) string { return strings.ReplaceAll(s, `"`, "&#34;") }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// TestWrappedLines holds the heading-height estimate to cases seen in the
// print test's PDFs: never fewer lines than LibreOffice draws (one more
// where noted), since a row too short hides the rest of its text.
func TestWrappedLines(t *testing.T) {
	tests := []struct {
		text        string
		width, size float64
		bold        bool
		want        int
	}{
		{"Rank", 8, 11, true, 1},
		{"Net sales", 13, 11, true, 1},
		{"Previous: Opportunities", 16, 11, true, 3}, // LibreOffice: 2
		{"x sales (net, ≥ 0)", 20, 11, true, 2},      // LibreOffice: 1
		{"In 2026-10 you won 1 deal(s) for ¥10,000.00; cancellations in the month were ¥3,000.00; your net sales are ¥7,000.00.", 120, 11, false, 2},
		{"Efficiency lift vs baseline", 13, 11, true, 3},
		{"占比：销售额", 10, 11, true, 2},
		{"单次跟进销售额", 13, 11, true, 2},
		{"检查项", 8, 11, true, 1},
		{strings.Repeat("长", 20), 10, 11, false, 5},
		{"two\nlines", 40, 11, false, 2},
		{"Unbreakableidentifierlongerthanthecolumn", 10, 11, false, 5},
	}
	for _, tt := range tests {
		if got := wrappedLines(tt.text, tt.width, tt.size, tt.bold); got != tt.want {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}

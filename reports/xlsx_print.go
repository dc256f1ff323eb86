package reports

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/i18n"
)

// How a workbook prints is decided here once, for every workbook salesops
// writes (bonus, scorecards, audit, plan model, statement): finance prints
// the allocation, a manager the scorecards, an auditor the findings, and
// each expects A4 pages one sheet wide with the column headings on every
// page. The writers only say where their table is.

// paperA4 is the paper size code of A4 in SpreadsheetML.
const paperA4 = 9

// portraitWidth is the widest sheet, in Excel's column-width units (the
// width of a digit), that prints portrait: about 100 fit across A4 at
// 100% between the margins below, so a sheet this wide loses a sixth of
// its size; a wider one turns landscape before it is scaled down.
const portraitWidth = 120

// widestColumn is the widest one column may be on the page at 100%, by
// orientation, in LibreOffice's measure of the unit (its fallback for
// Calibri has wider digits: about 84 fill A4 portrait between these
// margins). LibreOffice fits a sheet to one page wide by counting pages,
// and a single column wider than the paper is still one page: it clipped
// the column at the paper's edge instead of scaling it down.
var widestColumn = map[string]float64{"portrait": 80, "landscape": 116}

// Margins in inches: narrower than Excel's 0.7 so a wide table loses less
// scale, with room for the page header and footer.
var printMargins = excelize.PageLayoutMarginsOptions{Left: ptrTo(0.4), Right: ptrTo(0.4), Top: ptrTo(0.6), Bottom: ptrTo(0.6),
	Header: ptrTo(0.25), Footer: ptrTo(0.25)}

// workbookFont is the one font family a workbook in lang is set in. A
// cell whose font names no family is drawn in whatever the reader falls
// back to: LibreOffice chose a serif for bold headings, and for Chinese
// the first CJK font it knows, Noto Sans CJK JP, whose glyphs are the
// Japanese forms. Calibri is Excel's own default; LibreOffice replaces it
// with a metric-compatible sans.
func workbookFont(lang i18n.Lang) string {
	if lang == i18n.ZhCN {
		return "Noto Sans CJK SC"
	}
	return "Calibri"
}

// baseFontSize is the size of a cell whose style names none.
const baseFontSize = 11.0

// newWorkbookFile is a new workbook whose default font (the cells without
// a style of their own) is lang's family.
func newWorkbookFile(lang i18n.Lang) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetDefaultFont(workbookFont(lang)); err != nil {
		f.Close()
		return nil, fmt.Errorf("setting the workbook's font: %w", err)
	}
	return f, nil
}

// inFont returns s with its font in lang's family and a size: excelize
// writes a bold font with neither, which is what fell back to a serif.
func inFont(lang i18n.Lang, s *excelize.Style) *excelize.Style {
	if s.Font == nil {
		return s // font 0, the default font, already in the family
	}
	font := *s.Font
	if font.Family == "" {
		font.Family = workbookFont(lang)
	}
	if font.Size == 0 {
		font.Size = baseFontSize
	}
	out := *s
	out.Font = &font
	return &out
}

// chartFont is the font of a chart's axes and title: a chart does not
// inherit the cells' font. Dark grey: excelize's default axis labels are
// a pale grey that barely prints.
func chartFont(lang i18n.Lang, bold bool) excelize.Font {
	return excelize.Font{Family: workbookFont(lang), Bold: bold, Color: "404040"}
}

// chartMoneyAxis is the number format of a money axis: the cells' currency
// sign and thousands separators without the cents, and in Chinese in 万
// (ten thousands, one decimal: 1600000 reads ¥160.0万), as the dashboard's
// axes do. Without it the axis shows the raw 1600000.
func chartMoneyAxis(lang i18n.Lang, currency string) excelize.ChartNumFmt {
	sym := strings.ReplaceAll(CurrencySymbol(currency), `"`, "")
	if lang == i18n.ZhCN {
		// Scaled by a thousand (the trailing comma), with a literal point
		// before the last digit: ten thousands to one decimal.
		return excelize.ChartNumFmt{CustomNumFmt: `"` + sym + `"0"."0,"万"`}
	}
	return excelize.ChartNumFmt{CustomNumFmt: `"` + sym + `"#,##0`}
}

// sheetPrint is where a sheet's table is, for printing it.
type sheetPrint struct {
	// Cols is how many columns the sheet uses: their widths decide the
	// orientation.
	Cols int
	// TitleFirst, TitleLast are the rows printed at the top of every page
	// (the table's column headings), 1-based and inclusive.
	TitleFirst, TitleLast int
	// Headings are further rows of wrapped text (a second table's column
	// headings, a sentence) to make tall enough for it.
	Headings []int
	// OnePage fits the whole sheet on one page, not only its width.
	OnePage bool
	// Portrait keeps a sheet portrait however wide it is.
	Portrait bool
}

// printSheet applies the print policy to one sheet of lang's workbook f:
// A4, one page wide (as many tall as it needs), landscape when the
// columns are wider than portrait paper, the title rows repeated on every
// page, those rows and the other heading rows tall enough for their
// wrapped text, and the sheet, file and page number in the margins. Call
// it once the sheet's cells and column widths are written.
func printSheet(f *excelize.File, lang i18n.Lang, sheet string, p sheetPrint) error {
	width, err := sheetWidth(f, sheet, p.Cols)
	if err != nil {
		return fmt.Errorf("printing sheet %q: %w", sheet, err)
	}
	orient := "portrait"
	if width > portraitWidth && !p.Portrait {
		orient = "landscape"
	}
	tall := 0
	if p.OnePage {
		tall = 1
	}
	steps := []func() error{
		func() error { return narrowColumns(f, sheet, p.Cols, widestColumn[orient]) },
		func() error {
			return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: ptrTo(paperA4), Orientation: ptrTo(orient),
				FitToWidth: ptrTo(1), FitToHeight: ptrTo(tall)})
		},
		func() error { return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptrTo(true)}) },
		func() error { return f.SetPageMargins(sheet, &printMargins) },
		// &A the sheet, &F the file (it names the period), &P/&N the page.
		func() error {
			return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: "&L&A&R&F", OddFooter: "&C&P / &N"})
		},
	}
	if p.TitleFirst > 0 {
		steps = append(steps, func() error {
			return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
				RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(sheet), p.TitleFirst, max(p.TitleLast, p.TitleFirst))})
		})
	}
	// The heights this call gives its rows, a row being both a title and a
	// heading fitted twice: excelize's GetRowHeight scans every row of the
	// sheet for the one asked, once per heading, which was a quarter of the
	// monthly report step on the 500-rep statement sheet. A row this call
	// has not sized is at the sheet's default height: printSheet is the
	// first to size its rows (wrapAcross sizes notes below or beside the
	// table, never a heading).
	if p.TitleFirst > 0 || len(p.Headings) > 0 {
		steps = append(steps, func() error {
			heights := map[int]float64{}
			// Past the last row excelize answers the default without a scan.
			plain, err := f.GetRowHeight(sheet, excelize.TotalRows)
			fit := func(r int) error {
				have, ok := heights[r]
				if !ok {
					have = plain
				}
				h, err := fitRowHeight(f, lang, sheet, r, p.Cols, have)
				heights[r] = h
				return err
			}
			for r := p.TitleFirst; p.TitleFirst > 0 && err == nil && r <= max(p.TitleLast, p.TitleFirst); r++ {
				err = fit(r)
			}
			for _, r := range p.Headings {
				if err == nil {
					err = fit(r)
				}
			}
			return err
		})
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("printing sheet %q: %w", sheet, err)
		}
	}
	return nil
}

// sheetWidth is the total width of the first cols columns.
func sheetWidth(f *excelize.File, sheet string, cols int) (float64, error) {
	var w float64
	for c := 1; c <= cols; c++ {
		name, err := excelize.ColumnNumberToName(c)
		if err != nil {
			return 0, err
		}
		cw, err := f.GetColWidth(sheet, name)
		if err != nil {
			return 0, err
		}
		w += cw
	}
	return w, nil
}

// narrowColumns makes each of the first cols columns at most widest wide.
func narrowColumns(f *excelize.File, sheet string, cols int, widest float64) error {
	for c := 1; c <= cols; c++ {
		name, err := excelize.ColumnNumberToName(c)
		if err != nil {
			return err
		}
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			return err
		}
		if w > widest {
			if err := f.SetColWidth(sheet, name, name, widest); err != nil {
				return err
			}
		}
	}
	return nil
}

// fitRowHeight makes row, have points tall now, tall enough for the text
// of each of its first cols cells wrapped at its column's width, and
// returns its height. Neither Excel nor LibreOffice grows a row for
// wrapped text on opening a file, so a two-line heading in a one-line row
// ran into the first row of figures.
func fitRowHeight(f *excelize.File, lang i18n.Lang, sheet string, row, cols int, have float64) (float64, error) {
	lines, size := 1, baseFontSize
	for c := 1; c <= cols; c++ {
		ref := cellRef(c, row)
		text, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			return have, err
		}
		if text == "" {
			continue
		}
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			return have, err
		}
		st, err := f.GetStyle(id)
		if err != nil {
			return have, err
		}
		cellSize, bold := baseFontSize, false
		if st.Font != nil {
			bold = st.Font.Bold
			if st.Font.Size > 0 {
				cellSize = st.Font.Size
			}
		}
		size = max(size, cellSize)
		if st.Alignment == nil || !st.Alignment.WrapText {
			continue
		}
		name, _ := excelize.ColumnNumberToName(c)
		width, err := f.GetColWidth(sheet, name)
		if err != nil {
			return have, err
		}
		lines = max(lines, wrappedLines(text, width, cellSize, bold))
	}
	want := math.Ceil(float64(lines)*lineHeight(lang, size) + 2)
	if want <= have {
		return have, nil
	}
	return want, f.SetRowHeight(sheet, row, want)
}

// wrapAcross merges the first cols cells of row and wraps its text (in
// the first cell) across them, the row made tall enough for it: a note
// under a table would otherwise run past the table's right edge, and the
// printed page, fitted to the width of everything on the sheet, would
// shrink the table with it.
func wrapAcross(f *excelize.File, lang i18n.Lang, sheet string, row, cols int) error {
	first, last := cellRef(1, row), cellRef(cols, row)
	text, err := f.GetCellValue(sheet, first, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	width, err := sheetWidth(f, sheet, cols)
	if err != nil {
		return err
	}
	style, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := f.MergeCell(sheet, first, last); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, first, last, style); err != nil {
		return err
	}
	lines := wrappedLines(text, width, baseFontSize, false)
	return f.SetRowHeight(sheet, row, math.Ceil(float64(lines)*lineHeight(lang, baseFontSize)+2))
}

// lineHeight is the height in points of one line of text of size points:
// Excel's 15 for 11-point Calibri; Noto Sans CJK's taller ascent and
// descent need more.
func lineHeight(lang i18n.Lang, size float64) float64 {
	if lang == i18n.ZhCN {
		return size * 1.5
	}
	return size * 15 / 11
}

// wrappedLines estimates how many lines text takes wrapped in a column
// width units wide (a unit is a digit's width at 11 points), breaking at
// spaces and, for CJK, between any two characters. The estimate errs
// wide (bold a tenth wider): a row one line too tall costs less than a
// clipped heading.
func wrappedLines(text string, width, size float64, bold bool) int {
	scale := size / baseFontSize
	if bold {
		scale *= 1.1
	}
	avail := width - 1 // the cell's padding
	if avail <= 1 {
		avail = 1
	}
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		line := 0.0
		for _, tok := range wrapTokens(para) {
			w := 0.0
			for _, r := range tok {
				w += runeWidth(r) * scale
			}
			if strings.TrimSpace(tok) == "" {
				line += w
				continue
			}
			if line > 0 && line+w > avail {
				lines++
				line = 0
			}
			// A word wider than the column breaks inside it.
			for w > avail {
				lines++
				w -= avail
			}
			line += w
		}
	}
	return lines
}

// wrapTokens splits text where a line may break: words with the spaces
// after them, and each CJK character on its own.
func wrapTokens(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case wideRune(r):
			flush()
			out = append(out, string(r))
		case r == ' ':
			flush()
			out = append(out, " ")
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// runeWidth is a character's width in digit widths of Calibri (the unit
// of a column's width). Latin letters are counted a sixth wider than
// Calibri's: LibreOffice without Calibri or Carlito draws DejaVu Sans in
// columns still measured in Calibri's digits, and wrapped a sentence the
// narrower estimate held to one line.
func runeWidth(r rune) float64 {
	switch {
	case wideRune(r):
		return 2
	case unicode.IsUpper(r) || r == 'm' || r == 'w' || r == '%' || r == '@':
		return 1.5
	case r == 'i' || r == 'l' || r == 'j' || r == '.' || r == ',' || r == ':' || r == ' ' || r == '\'' || r == '|':
		return 0.65
	}
	return 1.15
}

// wideRune reports a full-width character (CJK ideographs, kana, hangul,
// full-width punctuation).
func wideRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

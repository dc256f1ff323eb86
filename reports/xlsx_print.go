package reports

import (
	"fmt"
	"strings"

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
	// Sized says the caller sizes the title and heading rows itself: the
	// sheet's cells are not in f (workbook_rows.go).
	Sized bool
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
			return setDefinedName(f, &excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
				RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(sheet), p.TitleFirst, max(p.TitleLast, p.TitleFirst))})
		})
	}
	if (p.TitleFirst > 0 || len(p.Headings) > 0) && !p.Sized {
		steps = append(steps, func() error { return fitHeadingRows(f, lang, sheet, p) })
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

// setDefinedName is f.SetDefinedName for a name scoped to a sheet, at a
// cost linear in the workbook's names. To refuse a duplicate, excelize
// looks up the sheet name of every existing name by listing every sheet:
// for the scorecards' 500 rep sheets, each with its print titles, that
// was some 60 million string copies, a third of writing them at 10M
// deals. The same check here compares sheet indexes.
func setDefinedName(f *excelize.File, dn *excelize.DefinedName) error {
	wb := f.WorkBook
	if dn.Scope == "" || wb == nil || wb.DefinedNames == nil || len(wb.DefinedNames.DefinedName) == 0 {
		return f.SetDefinedName(dn)
	}
	idx, err := f.GetSheetIndex(dn.Scope)
	if err != nil || idx < 0 {
		return f.SetDefinedName(dn) // its own error
	}
	names := wb.DefinedNames.DefinedName
	for _, d := range names {
		if d.LocalSheetID != nil && *d.LocalSheetID == idx && d.Name == dn.Name {
			return excelize.ErrDefinedNameDuplicate
		}
	}
	d := zeroOf(names[0]) // excelize's element type, which has no exported name
	d.Name, d.Comment, d.Data, d.LocalSheetID = dn.Name, dn.Comment, dn.RefersTo, &idx
	wb.DefinedNames.DefinedName = append(names, d)
	return nil
}

func zeroOf[T any](T) (zero T) { return zero }

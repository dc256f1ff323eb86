package reports

import (
	"math"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/i18n"
)

// Rows tall enough for their wrapped text: neither Excel nor LibreOffice
// grows a row for it on opening a file, so the print policy (xlsx_print.go)
// measures the text itself, in the digit widths of the workbook's font.

// fitHeadingRows fits p's title rows and heading rows of sheet, a row
// being both a title and a heading fitted twice. It keeps the heights it
// gives them: excelize's GetRowHeight scans every row of the sheet for the
// one asked, once per heading, which was a quarter of the monthly report
// step on the 500-rep statement sheet. A row it has not sized is at the
// sheet's default height: printSheet is the first to size its rows
// (wrapAcross sizes notes below or beside the table, never a heading).
func fitHeadingRows(f *excelize.File, lang i18n.Lang, sheet string, p sheetPrint) error {
	heights := map[int]float64{}
	fr := rowFitter{f: f, lang: lang, sheet: sheet, fonts: map[int]fitFont{}, widths: map[int]float64{}}
	// Past the last row excelize answers the default without a scan.
	plain, err := f.GetRowHeight(sheet, excelize.TotalRows)
	fit := func(r int) error {
		have, ok := heights[r]
		if !ok {
			have = plain
		}
		h, err := fr.fitRowHeight(r, p.Cols, have)
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
}

// rowFitter fits rows of one sheet. It remembers each style's font and
// each column's width, which no fitting changes: excelize's GetStyle
// parses the style's number format at every call, and the audit's sheets
// fit every row of wrapped findings (25,000 rows of 14 cells at ten
// million deals: 0.8 s of GetStyle).
type rowFitter struct {
	f      *excelize.File
	lang   i18n.Lang
	sheet  string
	fonts  map[int]fitFont // by style id
	widths map[int]float64 // by column number
}

// fitRowHeight makes row, have points tall now, tall enough for the text
// of each of its first cols cells wrapped at its column's width, and
// returns its height. Neither Excel nor LibreOffice grows a row for
// wrapped text on opening a file, so a two-line heading in a one-line row
// ran into the first row of figures.
func (fr rowFitter) fitRowHeight(row, cols int, have float64) (float64, error) {
	f, sheet := fr.f, fr.sheet
	var texts []fitText
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
		font, ok := fr.fonts[id]
		if !ok {
			st, err := f.GetStyle(id)
			if err != nil {
				return have, err
			}
			font = fontOfStyle(st)
			fr.fonts[id] = font
		}
		t := fitText{text: text, font: font}
		if t.font.wrap {
			w, ok := fr.widths[c]
			if !ok {
				name, _ := excelize.ColumnNumberToName(c)
				if w, err = f.GetColWidth(sheet, name); err != nil {
					return have, err
				}
				fr.widths[c] = w
			}
			t.width = w
		}
		texts = append(texts, t)
	}
	want := fittedHeight(fr.lang, texts)
	if want <= have {
		return have, nil
	}
	return want, f.SetRowHeight(sheet, row, want)
}

// fitFont is what of a cell's style its text's height depends on.
type fitFont struct {
	size       float64
	bold, wrap bool
}

func fontOfStyle(st *excelize.Style) fitFont {
	ft := fitFont{size: baseFontSize}
	if st.Font != nil {
		ft.bold = st.Font.Bold
		if st.Font.Size > 0 {
			ft.size = st.Font.Size
		}
	}
	ft.wrap = st.Alignment != nil && st.Alignment.WrapText
	return ft
}

// fitText is one cell of a row being fitted: its text, font and, if it
// wraps, its column's width.
type fitText struct {
	text  string
	font  fitFont
	width float64
}

// fittedHeight is the height a row needs for its cells: one line of its
// largest font, or as many as its longest wrapped text takes.
func fittedHeight(lang i18n.Lang, texts []fitText) float64 {
	lines, size := 1, baseFontSize
	for _, t := range texts {
		if t.text == "" {
			continue
		}
		size = max(size, t.font.size)
		if t.font.wrap {
			lines = max(lines, wrappedLines(t.text, t.width, t.font.size, t.font.bold))
		}
	}
	return math.Ceil(float64(lines)*lineHeight(lang, size) + 2)
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

package reports

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/i18n"
)

// The long sheets of the bonus workbook (the capped detail sheets, the
// statements: some 300,000 cells at 10M deals) are not built in excelize's
// cell model. Setting them cell by cell, each string through the shared
// string table, then marshalling every sheet with encoding/xml was most of
// the monthly report step and gigabytes of garbage. Their cells are
// collected here instead, rendered straight to <sheetData> rows with
// inline strings, and spliced into the package (setCachedValues) where
// excelize wrote the sheet empty, with its columns, panes, filter and
// print settings. A reader sees the same cells, styles and row heights.

// rowSheet collects the cells of one long sheet, in the order written.
type rowSheet struct {
	cells []rowCell
	// cols are the columns of its table and fit the rows to size for
	// their text, as the sheet's layout gives them.
	cols int
	fit  map[int]bool
}

type rowCell struct {
	row, col, style int
	num             bool // text is an exact decimal, written as a number
	text            string
}

func (s *rowSheet) add(col, row int, text string, style int, num bool) {
	s.cells = append(s.cells, rowCell{row: row, col: col, style: style, num: num, text: text})
}

// render writes the rows of s as the content of <sheetData>. The rows in
// fit (the title row, the headings) are made tall enough for their text
// as fitRowHeight makes them, measured against the first cols columns'
// widths as f has them once printSheet has narrowed them.
func (s *rowSheet) render(f *excelize.File, lang i18n.Lang, sheet string, cols int, fit map[int]bool) ([]byte, error) {
	plain, err := f.GetRowHeight(sheet, excelize.TotalRows)
	if err != nil {
		return nil, err
	}
	widths := make([]float64, cols)
	for c := range widths {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if widths[c], err = f.GetColWidth(sheet, name); err != nil {
			return nil, err
		}
	}
	fonts := map[int]fitFont{}
	fontOf := func(style int) (fitFont, error) {
		if ft, ok := fonts[style]; ok {
			return ft, nil
		}
		st, err := f.GetStyle(style)
		if err != nil {
			return fitFont{}, err
		}
		ft := fontOfStyle(st)
		fonts[style] = ft
		return ft, nil
	}
	var out bytes.Buffer
	out.Grow(len(s.cells) * 48)
	for i := 0; i < len(s.cells); {
		row := s.cells[i].row
		j := i
		for j < len(s.cells) && s.cells[j].row == row {
			if j > i && s.cells[j].col <= s.cells[j-1].col {
				return nil, fmt.Errorf("sheet %q: cell %s written out of order", sheet, cellRef(s.cells[j].col, row))
			}
			j++
		}
		if i > 0 && row <= s.cells[i-1].row {
			return nil, fmt.Errorf("sheet %q: row %d written out of order", sheet, row)
		}
		cells := s.cells[i:j]
		out.WriteString(`<row r="`)
		out.WriteString(strconv.Itoa(row))
		out.WriteByte('"')
		if fit[row] {
			var texts []fitText
			for _, c := range cells {
				if c.col > cols {
					continue
				}
				ft, err := fontOf(c.style)
				if err != nil {
					return nil, err
				}
				texts = append(texts, fitText{text: truncateCell(c.text), font: ft, width: widths[c.col-1]})
			}
			if h := fittedHeight(lang, texts); h > plain {
				out.WriteString(` ht="`)
				out.WriteString(strconv.FormatFloat(h, 'g', -1, 64))
				out.WriteString(`" customHeight="true"`)
			}
		}
		out.WriteByte('>')
		for _, c := range cells {
			writeRowCell(&out, c)
		}
		out.WriteString(`</row>`)
		i = j
	}
	return out.Bytes(), nil
}

func writeRowCell(out *bytes.Buffer, c rowCell) {
	out.WriteString(`<c r="`)
	var ref [16]byte
	out.Write(appendCellRef(ref[:0], c.col, c.row))
	out.WriteByte('"')
	if c.style != 0 {
		out.WriteString(` s="`)
		out.WriteString(strconv.Itoa(c.style))
		out.WriteByte('"')
	}
	if c.num {
		out.WriteString(`><v>`)
		out.WriteString(c.text) // a decimal: nothing to escape
		out.WriteString(`</v></c>`)
		return
	}
	text := truncateCell(c.text)
	out.WriteString(` t="inlineStr"><is><t`)
	if text != "" && (isSpaceByte(text[0]) || isSpaceByte(text[len(text)-1])) {
		out.WriteString(` xml:space="preserve"`)
	}
	out.WriteByte('>')
	_ = xml.EscapeText(out, []byte(escapeXstring(text))) // a bytes.Buffer does not fail
	out.WriteString(`</t></is></c>`)
}

// escapeXstring keeps text that looks like a spreadsheet character escape
// literal. A reader decodes _xHHHH_ in a cell's text to the character
// U+HHHH, so "ACME_x0041_" would show as "ACMEA"; the escape for the
// underscore itself is _x005F_. Every underscore that starts such a
// sequence in s is escaped, overlapping ones too: "_x0041_x0042_" has two
// (excelize's SetCellStr escapes only the first, and the reader then
// decodes the second).
func escapeXstring(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+7 <= len(s); i++ {
		if s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex(s[i+2:i+6]) {
			b.WriteString(s[last:i])
			b.WriteString("_x005F")
			last = i
		}
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isHex says whether s is hexadecimal digits only (ParseUint takes no
// sign or underscore in base 16).
func isHex(s string) bool {
	_, err := strconv.ParseUint(s, 16, 64)
	return err == nil
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// truncateCell cuts text to the characters a cell holds (UTF-16 units, as
// Excel counts), as excelize's SetCellStr does.
func truncateCell(s string) string {
	if len(s) <= excelize.TotalCellChars {
		return s // at most one unit per byte
	}
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > excelize.TotalCellChars {
			return s[:i]
		}
	}
	return s
}

// excelEpoch is day 0 of a workbook's dates, so that 1 March 1900 is
// day 61: Excel counts a 29 February 1900 that never was.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelSerial is the number a date cell holds for t's calendar day and
// wall time (as excelize's SetCellValue writes a time.Time), or false
// for a day before 1 March 1900, which has no serial that reads back as
// the same day.
func excelSerial(t time.Time) (string, bool) {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	if wall.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
		return "", false
	}
	// In seconds, not a time.Duration, which overflows 292 years on.
	secs := wall.Unix() - excelEpoch.Unix()
	days, rest := secs/86400, secs%86400
	if rest == 0 && wall.Nanosecond() == 0 {
		return strconv.FormatInt(days, 10), true
	}
	frac := (float64(rest) + float64(wall.Nanosecond())/1e9) / 86400
	return strconv.FormatFloat(float64(days)+frac, 'f', -1, 64), true
}

// appendCellRef appends the A1 reference of col, row (both from 1) to
// dst without allocating: cellRef's cost was a tenth of the long sheets'.
func appendCellRef(dst []byte, col, row int) []byte {
	var letters [3]byte // XFD, the last column
	i := len(letters)
	for ; col > 0 && i > 0; col = (col - 1) / 26 {
		i--
		letters[i] = byte('A' + (col-1)%26)
	}
	dst = append(dst, letters[i:]...)
	return strconv.AppendInt(dst, int64(row), 10)
}

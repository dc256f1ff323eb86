package reports

import (
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/i18n"
)

// How one sheet of the audit workbook is written (audit_xlsx.go lays out
// what each holds): its header row, its rows in typed cells, in excelize's
// model or, for a long sheet, collected for workbook_rows.go's renderer,
// then its panes, autofilter, wrapping and print settings.

// auditSheet is one sheet being written, row by row.
type auditSheet struct {
	f              *excelize.File
	lang           i18n.Lang
	name           string
	row            int
	pct, date, hdr int
	wrap           int   // a finding's sentences: wrapped, not clipped by the next cell
	wrapCols       []int // the columns in the wrap style, each row fitted to their text
	// rows holds a long sheet's table, rendered when the workbook is
	// written; nil for a sheet built in excelize's model.
	rows *rowSheet
}

// note writes text a row below the table, outside its autofilter, wrapped
// across the table's width: a capped sheet says there what it leaves out.
// It is written in f even on a long sheet: f's rows of a long sheet all
// come after the rendered ones (spliceRows checks it).
func (s *auditSheet) note(ncols int, text string) error {
	s.row++
	if err := s.f.SetCellStr(s.name, cellRef(1, s.row), text); err != nil {
		return err
	}
	s.row++
	return wrapAcross(s.f, s.lang, s.name, s.row-1, ncols)
}

// xlsxDate is a date cell, or an empty one for null.
func xlsxDate(d sql.NullTime) any {
	if !d.Valid {
		return nil
	}
	return auditDate{d.Time}
}

func (s *auditSheet) header(cols []string, widths []float64) error {
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := s.f.SetColWidth(s.name, col, col, w); err != nil {
			return err
		}
	}
	if err := s.put(auditToAny(cols)); err != nil {
		return err
	}
	if s.rows != nil {
		return nil // put gave the headings their style
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), 1)
	return s.f.SetCellStyle(s.name, "A1", last, s.hdr)
}

// finish freezes the header, puts the autofilter over the table, wraps
// the text of the sheet's wrapCols (a finding's detail ran on under the
// next column and printed cut off there) and sets the sheet up for
// printing, the header on every page and each row tall enough for its
// text.
func (s *auditSheet) finish(ncols int) error {
	if err := s.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(ncols, max(s.row-1, 2))
	if err := s.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
		return err
	}
	var rows []int
	if len(s.wrapCols) > 0 {
		for r := 2; r < s.row; r++ {
			rows = append(rows, r)
		}
	}
	if s.rows != nil {
		// Its rows are fitted when rendered, once printSheet has
		// narrowed its columns.
		s.rows.cols, s.rows.fit = ncols, map[int]bool{1: true}
		for _, r := range rows {
			s.rows.fit[r] = true
		}
	} else {
		for _, c := range s.wrapCols {
			if s.row <= 2 {
				break
			}
			first, _ := excelize.CoordinatesToCellName(c, 2)
			last, _ := excelize.CoordinatesToCellName(c, s.row-1)
			if err := s.f.SetCellStyle(s.name, first, last, s.wrap); err != nil {
				return err
			}
		}
	}
	return printSheet(s.f, s.lang, s.name, sheetPrint{Cols: ncols, TitleFirst: 1, TitleLast: 1, Headings: rows, Sized: s.rows != nil})
}

// put writes one row: strings with SetCellStr, numbers as numbers, dates
// as date cells, nil as an empty cell.
func (s *auditSheet) put(vals []any) error {
	if s.rows != nil {
		return s.putLong(vals)
	}
	for i, v := range vals {
		cell, err := excelize.CoordinatesToCellName(i+1, s.row)
		if err != nil {
			return err
		}
		switch x := v.(type) {
		case nil:
		case string:
			err = s.f.SetCellStr(s.name, cell, x)
		case int64:
			err = s.f.SetCellInt(s.name, cell, x)
		case auditRateVal:
			if err = s.f.SetCellFloat(s.name, cell, float64(x), -1, 64); err == nil {
				err = s.f.SetCellStyle(s.name, cell, cell, s.pct)
			}
		case float64:
			err = s.f.SetCellFloat(s.name, cell, x, -1, 64)
		case auditDate:
			if err = s.f.SetCellValue(s.name, cell, x.Time); err == nil {
				err = s.f.SetCellStyle(s.name, cell, cell, s.date)
			}
		default:
			err = fmt.Errorf("audit workbook: no cell type for %T", v)
		}
		if err != nil {
			return err
		}
	}
	s.row++
	return nil
}

// putLong writes one row of a long sheet: the first in the heading
// style, text as inline strings, the wrapped columns in the wrap style.
func (s *auditSheet) putLong(vals []any) error {
	for i, v := range vals {
		col, style := i+1, 0
		switch {
		case s.row == 1:
			style = s.hdr
		case slices.Contains(s.wrapCols, col):
			style = s.wrap
		}
		switch x := v.(type) {
		case nil:
		case string:
			s.rows.add(col, s.row, x, style, false)
		case int64:
			s.rows.add(col, s.row, strconv.FormatInt(x, 10), style, true)
		case auditDate:
			if serial, ok := excelSerial(x.Time); ok {
				s.rows.add(col, s.row, serial, s.date, true)
			} else {
				// A spreadsheet has no date before 1900: the date as text.
				s.rows.add(col, s.row, x.Format("2006-01-02"), style, false)
			}
		default:
			return fmt.Errorf("audit workbook: no long-sheet cell for %T", v)
		}
	}
	s.row++
	return nil
}

// auditSheetName makes a valid, unique sheet name: no : \ / ? * [ ],
// no leading or trailing apostrophe, at most 31 characters.
func auditSheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(strings.TrimSpace(name), "'")
	if name == "" {
		name = "Sheet"
	}
	for utf8.RuneCountInString(name) > 31 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = strings.TrimSpace(name[:len(name)-size])
	}
	base := name
	for i := 2; used[name]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(base)
		if len(r)+len(suffix) > 31 {
			r = r[:31-len(suffix)]
		}
		name = string(r) + suffix
	}
	used[name] = true
	return name
}

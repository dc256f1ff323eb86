package ingest

import (
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/money"
)

// xlsxSource streams the rows of one sheet below its header row. Cells are
// read raw, so a numeric cell keeps its full text: an amount is rounded
// half-up to the cent in decimal, and a serial date becomes a date.
type xlsxSource struct {
	f       *excelize.File
	rows    *excelize.Rows
	sheet   string
	row     int64
	pending [][]string // rows read while looking for the header
	pendRow []int64
	convert map[int]fieldType
	lim     config.Limits
	header  []string // to name the column of a limit passed
}

var numericCell = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// openXLSX opens the configured sheet (else the first) and finds its header
// row: the first of the first 30 rows that names a field of the kind and has
// two or more cells, else the first row with two or more cells. Title rows
// (merged or single-cell) above it are skipped.
func openXLSX(sf *sourceFile, spec kindSpec, src config.Source) (*xlsxSource, []string, int64, error) {
	lim := limitsOf(src)
	path := sf.path
	if err := sf.unchanged(); err != nil {
		return nil, nil, 0, err
	}
	// excelize reads the workbook whole while it opens it, and never again.
	f, err := excelize.OpenFile(sf.name(), excelizeOptions(lim))
	if err != nil {
		return nil, nil, 0, &FileError{File: path, Reason: fmt.Sprintf("not a readable XLSX workbook (truncated or another format?): %v", err)}
	}
	f.Path = path
	if err := sf.unchanged(); err != nil {
		f.Close()
		return nil, nil, 0, err
	}
	sheet := src.Sheet
	if sheet == "" {
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			f.Close()
			return nil, nil, 0, &FileError{File: path, Reason: "the workbook has no sheets"}
		}
		sheet = sheets[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, nil, 0, &FileError{File: path, Reason: fmt.Sprintf("sheet %q: %v (sheets: %s)", sheet, err, strings.Join(f.GetSheetList(), ", "))}
	}
	s := &xlsxSource{f: f, rows: rows, sheet: sheet, lim: lim}
	known := map[string]bool{}
	for _, fl := range spec.fields {
		known[normHeader(fl.name)] = true
		for _, a := range fl.aliases {
			known[normHeader(a)] = true
		}
	}
	for h := range src.Columns {
		known[normHeader(h)] = true
	}
	headerAt, fallback := -1, -1
	for len(s.pending) < 30 && s.rows.Next() {
		s.row++
		cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			s.close()
			return nil, nil, 0, &FileError{File: path, Line: s.row, Reason: fmt.Sprintf("sheet %s row %d: %v", sheet, s.row, err)}
		}
		if err := s.checkRow(cells, s.row); err != nil {
			s.close()
			return nil, nil, 0, err
		}
		cells = trimRow(cells)
		s.pending = append(s.pending, cells)
		s.pendRow = append(s.pendRow, s.row)
		if len(nonEmpty(cells)) >= 2 {
			if fallback < 0 {
				fallback = len(s.pending) - 1
			}
			for _, c := range cells {
				if known[normHeader(c)] {
					headerAt = len(s.pending) - 1
					break
				}
			}
		}
		if headerAt >= 0 {
			break
		}
	}
	if headerAt < 0 {
		headerAt = fallback
	}
	if headerAt < 0 {
		s.close()
		return nil, nil, 0, &FileError{File: path, Reason: fmt.Sprintf("sheet %s has no header row (no row with two or more cells among the first 30)", sheet)}
	}
	header := s.pending[headerAt]
	s.header = header
	line := s.pendRow[headerAt]
	s.pending, s.pendRow = s.pending[headerAt+1:], s.pendRow[headerAt+1:]
	return s, header, line, nil
}

func trimRow(cells []string) []string {
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			out = append(out, c)
		}
	}
	return out
}

func (s *xlsxSource) close() {
	if s.rows != nil {
		s.rows.Close()
	}
	s.f.Close()
}

func (s *xlsxSource) next() ([]string, int64, string, error) {
	var cells []string
	var line int64
	if len(s.pending) > 0 {
		cells, line = s.pending[0], s.pendRow[0]
		s.pending, s.pendRow = s.pending[1:], s.pendRow[1:]
	} else {
		if !s.rows.Next() {
			if err := s.rows.Error(); err != nil {
				return nil, 0, "", &FileError{File: s.f.Path, Line: s.row, Reason: fmt.Sprintf("sheet %s: %v", s.sheet, err)}
			}
			return nil, 0, "", io.EOF
		}
		s.row++
		var err error
		if cells, err = s.rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
			return nil, 0, "", &FileError{File: s.f.Path, Line: s.row, Reason: fmt.Sprintf("sheet %s row %d: %v", s.sheet, s.row, err)}
		}
		if err := s.checkRow(cells, s.row); err != nil {
			return nil, 0, "", err
		}
		line = s.row
	}
	for i, c := range cells {
		if t, ok := s.convert[i]; ok && numericCell.MatchString(strings.TrimSpace(c)) {
			cells[i] = convertCell(strings.TrimSpace(c), t)
		}
	}
	return cells, line, "", nil
}

// convertCell turns a raw numeric cell into the text the SQL parsers read.
func convertCell(raw string, t fieldType) string {
	switch t {
	case tMoney:
		r, ok := new(big.Rat).SetString(raw)
		if !ok {
			return raw
		}
		return money.RoundHalfUpRat(r).String()
	case tDate, tTimestamp:
		if len(raw) == 8 && !strings.ContainsAny(raw, ".eE-") {
			return raw // 20261103 written as a number
		}
		serial, err := strconv.ParseFloat(raw, 64) // a day count, not money
		if err != nil {
			return raw
		}
		d, err := excelize.ExcelDateToTime(serial, false)
		if err != nil {
			return raw
		}
		d = d.Round(time.Second)
		if t == tDate {
			return d.Format(time.DateOnly)
		}
		return d.Format(time.DateTime)
	}
	return raw
}

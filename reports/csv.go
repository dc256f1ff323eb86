package reports

import (
	"bufio"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bom makes Excel read the CSV as UTF-8, so Chinese names show correctly.
const bom = "\ufeff"

// CSV is the one writer of every CSV salesops produces (cli.md): RFC 4180
// with CRLF line ends in files, LF on standard output. encoding/csv only
// quotes cells holding its own separator, so a cell holding ';' (the
// separator Excel uses in German, French and other locales) or a tab would
// spill into the next column there; this writer quotes a cell holding any
// of them.
type CSV struct {
	w   *bufio.Writer
	eol string
	err error
}

// NewCSV starts a CSV file with its BOM and header, lines ending in CRLF
// as RFC 4180 writes them, which is what Excel on Windows expects.
func NewCSV(w io.Writer, header []string) (*CSV, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	return newCSV(w, header, "\r\n")
}

// NewStreamCSV starts a CSV for standard output, where the reader is a
// program (a pipe, a script): no BOM, which it would take for part of the
// first column's name, and LF line ends, as psql --csv and sqlite3 -csv
// write on Unix, so that cut, awk and grep see no stray '\r' at the end
// of the last column (Python's csv module and DuckDB read either).
func NewStreamCSV(w io.Writer, header []string) (*CSV, error) {
	return newCSV(w, header, "\n")
}

func newCSV(w io.Writer, header []string, eol string) (*CSV, error) {
	c := &CSV{w: bufio.NewWriter(w), eol: eol}
	return c, c.Row(header)
}

// Row writes one record. Text columns must go through SafeText first;
// numeric columns (money, counts, rates) are written as they are.
func (c *CSV) Row(rec []string) error {
	if c.err != nil {
		return c.err
	}
	for i, field := range rec {
		if i > 0 {
			c.w.WriteByte(',')
		}
		if !needsQuotes(field) {
			c.w.WriteString(field)
			continue
		}
		// Line breaks stay as they are inside the quotes: Excel and
		// LibreOffice read a quoted LF as a line break within the cell.
		c.w.WriteByte('"')
		c.w.WriteString(strings.ReplaceAll(field, `"`, `""`))
		c.w.WriteByte('"')
	}
	_, c.err = c.w.WriteString(c.eol)
	return c.err
}

// Close flushes the writer and reports any write error.
func (c *CSV) Close() error {
	if c.err != nil {
		return c.err
	}
	return c.w.Flush()
}

// needsQuotes: the separators of every common locale (',' ';' tab), the
// quote, line breaks, and a leading space (which some readers trim).
func needsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if strings.ContainsAny(field, ",;\t\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// SafeText neutralises a text cell that a spreadsheet would otherwise run
// as a formula (OWASP "CSV injection"): a value starting with one of the
// characters OWASP ASVS lists (= + - @ tab, carriage return, NUL) gets a
// leading apostrophe, which Excel and LibreOffice show as plain text.
func SafeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r\x00", rune(s[0])) {
		return "'" + s
	}
	return s
}

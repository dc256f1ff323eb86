package reports

import (
	"encoding/csv"
	"io"
	"strings"
)

// bom makes Excel read the CSV as UTF-8, so Chinese names show correctly.
const bom = "\ufeff"

// CSV writes the machine-readable files of cli.md: UTF-8 with a BOM,
// RFC 4180 (CRLF line ends, quotes where needed).
type CSV struct {
	w *csv.Writer
}

// NewCSV starts a CSV file with its BOM and header.
func NewCSV(w io.Writer, header []string) (*CSV, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	c := &CSV{w: csv.NewWriter(w)}
	c.w.UseCRLF = true
	return c, c.w.Write(header)
}

// Row writes one record. Text columns must go through SafeText first;
// numeric columns (money, counts, rates) are written as they are.
func (c *CSV) Row(rec []string) error { return c.w.Write(rec) }

// Close flushes the writer and reports any write error.
func (c *CSV) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// SafeText neutralises a text cell that a spreadsheet would otherwise run
// as a formula (OWASP "CSV injection"): a leading = + - @ tab or carriage
// return gets a leading apostrophe, which Excel and LibreOffice show as
// plain text.
func SafeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

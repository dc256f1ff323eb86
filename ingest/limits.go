package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// LimitError is a file refused because reading it would pass one of its
// source's limits (config.Limits): it names the file, where the limit was
// passed when that is known, the limit, and the setting that raises it.
type LimitError struct {
	File    string
	Part    string // the part of a workbook (xl/worksheets/sheet1.xml), when known
	Line    int64  // line or sheet row, when known
	Field   int    // 1-based field of the line, when known
	Column  string // the header of that field, when known
	What    string // what passed the limit: "more than 1000 columns"
	Limit   string // the limit as configured: "1MiB", "100"
	Setting string // the setting that raises it: "max_cell_bytes"; empty for a fixed bound
}

func (e *LimitError) Error() string {
	var where []string
	if e.Part != "" {
		where = append(where, e.Part)
	}
	if e.Line > 0 {
		where = append(where, fmt.Sprintf("line %d", e.Line))
	}
	switch {
	case e.Column != "":
		where = append(where, fmt.Sprintf("column %q", capValue(e.Column)))
	case e.Field > 0:
		where = append(where, fmt.Sprintf("field %d", e.Field))
	}
	at := ""
	if len(where) > 0 {
		at = " (" + strings.Join(where, ", ") + ")"
	}
	if e.Setting == "" {
		return fmt.Sprintf("%s%s: %s, above the fixed limit of %s; not read (save the export as CSV)", e.File, at, e.What, e.Limit)
	}
	return fmt.Sprintf("%s%s: %s, above the limit of %s; not read (raise limits.%s of the source if the file is genuine)",
		e.File, at, e.What, e.Limit, e.Setting)
}

// Is makes a LimitError a data failure (exit 3), like any unreadable export.
func (e *LimitError) Is(target error) bool { return target == faults.ErrData }

// nameColumn sets Column from the file's header.
func (e *LimitError) nameColumn(header []string) {
	if e.Field > 0 && e.Field <= len(header) {
		e.Column = header[e.Field-1]
	}
}

// limitsOf are the source's limits, defaults filled in.
func limitsOf(src config.Source) config.Limits { return src.Limits.WithDefaults() }

// maxShown is how much of a value is stored or shown with a reject or in
// an error: enough to recognise it, never a whole file's worth.
const maxShown = 200

// capValue shortens s to maxShown characters, marking the cut.
func capValue(s string) string {
	if len(s) <= maxShown || utf8.RuneCountInString(s) <= maxShown {
		return s
	}
	n := 0
	for i := range s {
		if n == maxShown {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// capSQL is capValue in SQL, for values stored by a query.
func capSQL(e string) string {
	return fmt.Sprintf("CASE WHEN length(%[1]s) > %[2]d THEN left(%[1]s, %[2]d) || '…' ELSE %[1]s END", e, maxShown)
}

// csvBound passes a CSV stream through, failing as soon as a record, a
// cell or the field count of a record passes the limits, so that neither
// encoding/csv nor anything after it ever holds an unbounded record. It
// follows RFC 4180 quoting (a quote opens only at the start of a field;
// a doubled quote inside quotes is a quote), which is also how
// encoding/csv reads it, so a line break inside quotes extends the record.
type csvBound struct {
	r       io.Reader
	file    string
	special [256]bool // the bytes that end an unquoted run: quote, line break, the delimiter (if ASCII)
	lim     config.Limits
	inQuote bool
	closed  bool // a quote just ended a quoted stretch
	start   bool // at the start of a field
	rec     int64
	cell    int64
	fields  int
	line    int64 // physical line of the byte being read
	recLine int64 // line the current record began on
	records int64 // complete records so far
	err     error
}

func newCSVBound(r io.Reader, file string, delim rune, lim config.Limits) *csvBound {
	b := &csvBound{r: r, file: file, lim: lim, start: true, fields: 1, line: 1, recLine: 1}
	b.special['"'], b.special['\n'] = true, true
	if delim < utf8.RuneSelf && delim != '"' && delim != '\n' {
		b.special[delim] = true
	}
	return b
}

// Read hands on what it read, the bytes past a limit included (one read's
// worth), and fails the read after: so the records before the one that
// passed the limit are read, and the error can name its column.
func (b *csvBound) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.r.Read(p)
	b.scan(p[:n])
	if b.err != nil && n == 0 {
		return 0, b.err
	}
	return n, err
}

// scan advances the state over p and sets b.err at the first limit passed.
// It runs over every byte of every CSV, so it moves by runs, not bytes: a
// quoted stretch up to its closing quote (memchr), an unquoted one up to
// the next delimiter, quote or line break (a table lookup a byte).
func (b *csvBound) scan(p []byte) {
	maxCell, maxRec := int64(b.lim.MaxCellBytes), int64(b.lim.MaxLineBytes)
	inQuote, closed, start := b.inQuote, b.closed, b.start
	cell, rec, fields := b.cell, b.rec, b.fields
	defer func() {
		b.inQuote, b.closed, b.start, b.cell, b.rec, b.fields = inQuote, closed, start, cell, rec, fields
	}()
	for i := 0; i < len(p) && cell <= maxCell && rec <= maxRec; {
		if inQuote {
			end := len(p)
			if j := bytes.IndexByte(p[i:], '"'); j >= 0 {
				end = i + j
			}
			b.line += int64(bytes.Count(p[i:end], newline))
			n := int64(end - i)
			cell, rec, i = cell+n, rec+n, end
			if i < len(p) { // the quote: it closes, or a second one follows
				cell, rec, i = cell+1, rec+1, i+1
				inQuote, closed = false, true
			}
			continue
		}
		j := i
		for j < len(p) && !b.special[p[j]] {
			j++
		}
		if j > i {
			n := int64(j - i)
			cell, rec, i = cell+n, rec+n, j
			start, closed = false, false
			continue
		}
		x := p[i]
		i++
		switch {
		case x == '"':
			cell++
			rec++
			inQuote = start || closed // a field's opening quote, or a doubled one
			start, closed = false, false
		case x == '\n':
			b.line++
			b.records++
			rec, cell, fields, start, closed, b.recLine = 0, 0, 1, true, false, b.line
		default: // the delimiter
			rec++
			if fields++; fields > b.lim.MaxColumns {
				what := fmt.Sprintf("more than %d fields", b.lim.MaxColumns)
				if b.recLine == 1 {
					what = fmt.Sprintf("a header of more than %d columns", b.lim.MaxColumns)
				}
				b.fail(what, 0, fmt.Sprint(b.lim.MaxColumns), "max_columns")
				return
			}
			cell, start, closed = 0, true, false
		}
	}
	switch {
	// A run may pass both at once: the one passed further was passed first.
	case cell > maxCell && (rec <= maxRec || cell-maxCell >= rec-maxRec):
		b.fail(fmt.Sprintf("a cell longer than %d bytes", maxCell), fields, b.lim.MaxCellBytes.String(), "max_cell_bytes")
	case rec > maxRec:
		what := fmt.Sprintf("a record longer than %d bytes", maxRec)
		if inQuote {
			what += " (a quoted field never closed?)"
		}
		b.fail(what, 0, b.lim.MaxLineBytes.String(), "max_line_bytes")
	}
}

var newline = []byte{'\n'}

func (b *csvBound) fail(what string, field int, limit, setting string) {
	b.err = &LimitError{File: b.file, Line: b.recLine, Field: field, What: what, Limit: limit, Setting: setting}
}

// checkHeaderWidth reads the header record of a text export (and no more)
// and refuses it when it passes the limits: a file of twenty thousand
// columns is refused in a line, before any reader builds its rows.
func checkHeaderWidth(fi fileInfo, src config.Source, delim rune) error {
	rc, err := openDecoded(fi, nil)
	if err != nil {
		return err
	}
	defer rc.Close()
	b := newCSVBound(rc, fi.path, delim, limitsOf(src))
	buf := make([]byte, 64<<10)
	for b.records == 0 {
		_, err := b.Read(buf)
		if b.err != nil {
			if b.recLine > 1 {
				return nil // past the header: the reader says it, naming the column
			}
			return b.err
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return &FileError{File: fi.path, Reason: fmt.Sprintf("reading the header: %v", err)}
		}
	}
	return nil
}

// checkLimits refuses, before any reader opens it, a file whose header or
// (for a workbook) whose zip parts pass the source's limits.
func checkLimits(fi fileInfo, src config.Source) error {
	switch fi.format {
	case "csv", "tsv":
		delim, err := delimiterOf(fi, src)
		if err != nil {
			return err
		}
		return checkHeaderWidth(fi, src, delim)
	case "xlsx":
		return checkZip(fi.file, limitsOf(src))
	}
	return nil
}

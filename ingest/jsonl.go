package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/salesops/salesops/config"
)

// jsonlSource reads JSON Lines in Go, so that each record keeps the
// physical line it is on (DuckDB's read_json tells no line, and its row
// order is not the file's). A record is one object; its fields become the
// cells of the columns, named by the keys of every record of the file in
// the order they first appear. A value keeps the text the file wrote: a
// string without its quotes, a number, true or false as written, an
// object or array as its JSON; null is an empty cell. Blank lines are
// skipped (and counted); a line that is not one object is a reject.
//
// Every line is bounded as it is read (limits.max_line_bytes), so a
// one-line gigabyte file costs a megabyte, not a gigabyte; the keys of a
// record and of the whole file by max_columns, a value by max_cell_bytes.
type jsonlSource struct {
	f     *os.File
	r     *bufio.Reader
	file  string
	lim   config.Limits
	col   map[string]int
	line  int64
	buf   []byte // the line being read, reused
	cells []string
}

// openJSONL finds the columns in a first pass over the file and returns
// the source positioned at its first line.
func openJSONL(ctx context.Context, sf *sourceFile, lim config.Limits) (*jsonlSource, []string, error) {
	path := sf.path
	f, err := sf.open()
	if err != nil {
		return nil, nil, err
	}
	s := &jsonlSource{f: f, r: bufio.NewReaderSize(f, 1<<16), file: path, lim: lim, col: map[string]int{}}
	var headers []string
	for {
		if err := ctx.Err(); err != nil {
			f.Close()
			return nil, nil, err
		}
		text, _, err := s.readLine()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		line := s.line
		var tooWide bool
		_ = eachField(text, func(k, _ string) {
			if _, ok := s.col[k]; !ok && !tooWide {
				if len(headers) == s.lim.MaxColumns {
					tooWide = true
					return
				}
				s.col[k] = len(headers)
				headers = append(headers, k)
			}
		})
		if tooWide {
			f.Close()
			return nil, nil, s.limitErr(line, "", fmt.Sprintf("more than %d distinct keys (columns)", s.lim.MaxColumns),
				fmt.Sprint(s.lim.MaxColumns), "max_columns")
		}
	}
	if len(headers) == 0 {
		f.Close()
		return nil, nil, &FileError{File: path, Reason: "no JSON object with fields: not a JSON Lines export"}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, &FileError{File: path, Reason: fmt.Sprintf("cannot read it again: %v", err)}
	}
	s.r.Reset(f)
	s.line = 0
	s.cells = make([]string, len(headers))
	return s, headers, nil
}

func (s *jsonlSource) close() { s.f.Close() }

func (s *jsonlSource) limitErr(line int64, column, what, limit, setting string) error {
	return &LimitError{File: s.file, Line: line, Column: column, What: what, Limit: limit, Setting: setting}
}

// readLine returns the next line that is not blank, trimmed, and its
// physical line number; io.EOF after the last. A line longer than
// max_line_bytes (its line break not counted) fails the file as soon as
// that many bytes are read, before the rest of it is.
func (s *jsonlSource) readLine() ([]byte, int64, error) {
	maxLine := int(s.lim.MaxLineBytes)
	for {
		b, err := s.readBounded(maxLine)
		if err != nil {
			return nil, 0, err
		}
		if b == nil {
			return nil, 0, io.EOF
		}
		s.line++
		if s.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		if b = bytes.TrimSpace(b); len(b) > 0 {
			return b, s.line, nil
		}
	}
}

// readBounded reads one line, its line break included, into s.buf; nil
// at the end of the file.
func (s *jsonlSource) readBounded(maxLine int) ([]byte, error) {
	s.buf = s.buf[:0]
	for {
		frag, err := s.r.ReadSlice('\n')
		content := len(s.buf) + len(frag)
		if err == nil {
			content-- // the line break
		}
		if content > maxLine {
			return nil, s.limitErr(s.line+1, "", fmt.Sprintf("a line longer than %d bytes", maxLine), s.lim.MaxLineBytes.String(), "max_line_bytes")
		}
		s.buf = append(s.buf, frag...)
		switch {
		case err == nil:
			return s.buf, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(s.buf) == 0 {
				return nil, nil
			}
			return s.buf, nil
		default:
			return nil, &FileError{File: s.file, Line: s.line + 1, Reason: fmt.Sprintf("reading: %v", err)}
		}
	}
}

func (s *jsonlSource) next() ([]string, int64, string, error) {
	text, line, err := s.readLine()
	if err != nil {
		return nil, 0, "", err
	}
	clear(s.cells)
	keys := 0
	var limit error
	if err := eachField(text, func(k, v string) {
		if limit != nil {
			return
		}
		if keys++; keys > s.lim.MaxColumns {
			limit = s.limitErr(line, "", fmt.Sprintf("a record of more than %d keys", s.lim.MaxColumns), fmt.Sprint(s.lim.MaxColumns), "max_columns")
			return
		}
		if int64(len(v)) > int64(s.lim.MaxCellBytes) {
			limit = s.limitErr(line, k, fmt.Sprintf("a value of %d bytes", len(v)), s.lim.MaxCellBytes.String(), "max_cell_bytes")
			return
		}
		if i, ok := s.col[k]; ok {
			s.cells[i] = v
		}
	}); err != nil && limit == nil {
		return nil, line, "malformed JSON record: " + err.Error(), nil
	}
	if limit != nil {
		return nil, line, "", limit
	}
	return s.cells, line, "", nil
}

// eachField calls fn with each key of the one JSON object in text and its
// value as text (see jsonlSource); an error says why text is not one
// object.
func eachField(text []byte, fn func(key, value string)) error {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errors.New("not a JSON object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		v := string(raw)
		switch {
		case v == "null":
			v = ""
		case raw[0] == '"':
			if err := json.Unmarshal(raw, &v); err != nil {
				return err
			}
		}
		fn(key, v)
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("text after the object")
	}
	return nil
}

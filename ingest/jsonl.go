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
)

// jsonlSource reads JSON Lines in Go, so that each record keeps the
// physical line it is on (DuckDB's read_json tells no line, and its row
// order is not the file's). A record is one object; its fields become the
// cells of the columns, named by the keys of every record of the file in
// the order they first appear. A value keeps the text the file wrote: a
// string without its quotes, a number, true or false as written, an
// object or array as its JSON; null is an empty cell. Blank lines are
// skipped (and counted); a line that is not one object is a reject.
type jsonlSource struct {
	f     *os.File
	r     *bufio.Reader
	file  string
	col   map[string]int
	line  int64
	cells []string
}

// openJSONL finds the columns in a first pass over the file and returns
// the source positioned at its first line.
func openJSONL(ctx context.Context, path string) (*jsonlSource, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, &FileError{File: path, Reason: fmt.Sprintf("cannot open: %v", err)}
	}
	s := &jsonlSource{f: f, r: bufio.NewReaderSize(f, 1<<16), file: path, col: map[string]int{}}
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
		_ = eachField(text, func(k, _ string) {
			if _, ok := s.col[k]; !ok {
				s.col[k] = len(headers)
				headers = append(headers, k)
			}
		})
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

// readLine returns the next line that is not blank, trimmed, and its
// physical line number; io.EOF after the last.
func (s *jsonlSource) readLine() ([]byte, int64, error) {
	for {
		b, err := s.r.ReadBytes('\n')
		if len(b) == 0 && errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, 0, &FileError{File: s.file, Line: s.line + 1, Reason: fmt.Sprintf("reading: %v", err)}
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

func (s *jsonlSource) next() ([]string, int64, string, error) {
	text, line, err := s.readLine()
	if err != nil {
		return nil, 0, "", err
	}
	clear(s.cells)
	if err := eachField(text, func(k, v string) {
		if i, ok := s.col[k]; ok {
			s.cells[i] = v
		}
	}); err != nil {
		return nil, line, "malformed JSON record: " + err.Error(), nil
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

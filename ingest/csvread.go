package ingest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// openDecoded opens a text export as a UTF-8 stream, decoding GB18030 and
// UTF-16 with golang.org/x/text and dropping a UTF-8 byte-order mark.
func openDecoded(fi fileInfo, progress func(int)) (io.ReadCloser, error) {
	f, err := fi.file.open()
	if err != nil {
		return nil, err
	}
	var r io.Reader = &countingReader{r: f, add: progress}
	switch fi.encoding {
	case "gb18030":
		r = simplifiedchinese.GB18030.NewDecoder().Reader(r)
	case "utf-16le":
		r = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Reader(r)
	case "utf-16be":
		r = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Reader(r)
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
	}
	return readCloser{br, f}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

type countingReader struct {
	r   io.Reader
	add func(int)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.add != nil && n > 0 {
		c.add(n)
	}
	return n, err
}

// detectDelimiter picks among , ; tab | the one that splits the first lines
// of sample into the same number (above one) of fields most often.
func detectDelimiter(sample string) rune {
	lines := strings.Split(strings.ReplaceAll(sample, "\r\n", "\n"), "\n")
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last may be cut short
	}
	if len(lines) > 20 {
		lines = lines[:20]
	}
	best, bestScore := ',', 0
	for _, d := range []rune{',', '\t', ';', '|'} {
		r := csv.NewReader(strings.NewReader(strings.Join(lines, "\n")))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = d, -1, true
		width, score := 0, 0
		for {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if width == 0 {
				width = len(rec)
			}
			if len(rec) == width {
				score++
			}
		}
		if width > 1 && score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// csvSource reads records with encoding/csv, which knows each record's
// physical line. A malformed or ragged record becomes a reject, not a stop.
type csvSource struct {
	r       *csv.Reader
	file    string
	ncols   int
	header  []string // to name the column of a limit passed
	lastOff int64
	stuck   int
}

func newCSVSource(rd io.Reader, file string, delim rune) (*csvSource, []string, error) {
	r := csv.NewReader(rd)
	r.Comma, r.FieldsPerRecord, r.ReuseRecord = delim, -1, true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, &FileError{File: file, Reason: "empty file: no header row"}
	}
	if le := (*LimitError)(nil); errors.As(err, &le) {
		return nil, nil, le
	}
	if err != nil {
		return nil, nil, &FileError{File: file, Line: 1, Reason: fmt.Sprintf("the header row cannot be read: %v", err)}
	}
	header = append([]string(nil), header...)
	for len(header) > 1 && strings.TrimSpace(header[len(header)-1]) == "" {
		header = header[:len(header)-1]
	}
	return &csvSource{r: r, file: file, ncols: len(header), header: header}, header, nil
}

func (s *csvSource) next() ([]string, int64, string, error) {
	rec, err := s.r.Read()
	if err == io.EOF {
		return nil, 0, "", io.EOF
	}
	if pe, ok := err.(*csv.ParseError); ok {
		// encoding/csv resumes after a malformed record; guard against a
		// reader that stops making progress.
		if off := s.r.InputOffset(); off == s.lastOff {
			if s.stuck++; s.stuck > 3 {
				return nil, 0, "", &FileError{File: s.file, Line: int64(pe.Line), Offset: off, Reason: fmt.Sprintf("malformed CSV: %v", pe.Err)}
			}
		} else {
			s.lastOff, s.stuck = off, 0
		}
		return nil, int64(pe.StartLine), fmt.Sprintf("malformed CSV record: %v", pe.Err), nil
	}
	if le := (*LimitError)(nil); errors.As(err, &le) {
		le.nameColumn(s.header)
		return nil, 0, "", le
	}
	if err != nil {
		return nil, 0, "", &FileError{File: s.file, Offset: s.r.InputOffset(), Reason: fmt.Sprintf("reading: %v", err)}
	}
	s.lastOff = s.r.InputOffset()
	line, _ := s.r.FieldPos(0)
	if len(rec) > s.ncols {
		extra := strings.TrimSpace(strings.Join(rec[s.ncols:], ""))
		if extra != "" {
			return rec, int64(line), fmt.Sprintf("the row has %d fields; the header has %d", len(rec), s.ncols), nil
		}
	}
	if len(rec) < s.ncols && !(len(rec) == 1 && rec[0] == "") {
		return rec, int64(line), fmt.Sprintf("the row has %d fields; the header has %d", len(rec), s.ncols), nil
	}
	return rec, int64(line), "", nil
}

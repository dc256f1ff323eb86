package ingest

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/salesops/salesops/config"
)

// byteBound is csvBound's rule written a byte at a time, the plainest way,
// to check the run-at-a-time scan against.
func byteBound(p []byte, lim config.Limits) (records int64, le *LimitError) {
	inQuote, closed, start := false, false, true
	var cell, rec int64
	fields, line, recLine := 1, int64(1), int64(1)
	for _, x := range p {
		cell++
		rec++
		switch {
		case inQuote:
			if x == '"' {
				inQuote, closed = false, true
			} else if x == '\n' {
				line++
			}
		case x == '"':
			inQuote = start || closed
			start, closed = false, false
		case x == '\n':
			line++
			records++
			rec, cell, fields, start, closed, recLine = 0, 0, 1, true, false, line
			continue
		case x == ',':
			if fields++; fields > lim.MaxColumns {
				return records, &LimitError{Line: recLine, Setting: "max_columns"}
			}
			cell, start, closed = 0, true, false
		default:
			start, closed = false, false
		}
		if cell > int64(lim.MaxCellBytes) {
			return records, &LimitError{Line: recLine, Field: fields, Setting: "max_cell_bytes"}
		}
		if rec > int64(lim.MaxLineBytes) {
			return records, &LimitError{Line: recLine, Setting: "max_line_bytes"}
		}
	}
	return records, nil
}

func TestCSVBoundMatchesByteRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 6))
	alphabet := []byte("aab,,\"\n")
	lim := config.Limits{MaxColumns: 6, MaxCellBytes: 9, MaxLineBytes: 25, MaxUnzippedBytes: 1, MaxInflateRatio: 1}
	for n := range 20000 {
		p := make([]byte, rng.IntN(120))
		for i := range p {
			p[i] = alphabet[rng.IntN(len(alphabet))]
		}
		wantRecords, want := byteBound(p, lim)
		b := newCSVBound(nil, "f", ',', lim)
		for rest := p; len(rest) > 0 && b.err == nil; { // in uneven chunks, as reads come
			k := min(len(rest), 1+rng.IntN(17))
			b.scan(rest[:k])
			rest = rest[k:]
		}
		var got *LimitError
		errors.As(b.err, &got)
		switch {
		case (got == nil) != (want == nil):
			t.Fatalf("case %d %q: err %v, want %+v", n, p, b.err, want)
		case got != nil && (got.Line != want.Line || got.Field != want.Field || got.Setting != want.Setting):
			t.Fatalf("case %d %q: %+v, want %+v", n, p, got, want)
		case got == nil && b.records != wantRecords:
			t.Fatalf("case %d %q: %d records, want %d", n, p, b.records, wantRecords)
		}
	}
}

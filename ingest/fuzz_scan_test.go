package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"testing"
	"unicode/utf8"
)

// chunks splits data at the cut points derived from seed, so the same input
// is fed in many different ways.
func chunks(data []byte, seed uint8) [][]byte {
	var out [][]byte
	step := int(seed%7) + 1
	for i := 0; i < len(data); {
		n := min(step, len(data)-i)
		out = append(out, data[i:i+n])
		i += n
		step = step*3%11 + 1
	}
	return out
}

// The streaming UTF-8 check must agree with utf8.Valid on the whole file,
// and name the first bad byte, however the file is cut into reads.
func FuzzUTF8Checker(f *testing.F) {
	for _, s := range []string{"", "abc", "上海华信", "\xff", "ab\xe4\xb8", "\xe4\xb8\xad\xe6", "ok\xc3(", "\xf0\x9f\x98\x80x"} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint8) {
		var c utf8Checker
		for _, ch := range chunks(data, seed) {
			c.feed(ch)
		}
		valid := utf8.Valid(data)
		// An incomplete rune held back at the end is only known to be bad
		// once the file ends: that is the caller's pending check.
		got := c.ok && (c.pending == 0 || len(data) == 0)
		if len(data) == 0 {
			got = true
		}
		if got != valid {
			t.Fatalf("%q cut with seed %d: checker says valid=%v (ok=%v pending=%d), utf8.Valid says %v", data, seed, got, c.ok, c.pending, valid)
		}
		if !c.ok {
			first := 0
			for first < len(data) {
				r, size := utf8.DecodeRune(data[first:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				first += size
			}
			if c.bad != int64(first) {
				t.Fatalf("%q: first bad byte at %d, checker says %d", data, first, c.bad)
			}
		}
	})
}

// When the strict scanner calls a file simple, DuckDB reads it directly and
// a record's line is its number + 1. encoding/csv must then agree: every
// record on its own line, all as wide as the header. The verdict must not
// depend on how the file is cut into reads.
func FuzzStrictScanner(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\n\"x,y\",2\n", "a,b\n\"x\ny\",2\n", "a,b\n1\n", "a\n\n1\n", "a,b\n1,\"2\"\"3\"\n", "a;b\n1;2", "a,b\n1,2\r"} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(5))
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint8) {
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			return // the scanner only sees UTF-8 text
		}
		whole := strictScanner{delim: ','}
		whole.feed(data)
		cut := strictScanner{delim: ','}
		for _, ch := range chunks(data, seed) {
			cut.feed(ch)
		}
		simple := whole.simple()
		if cut.simple() != simple {
			t.Fatalf("%q: verdict depends on the reads (whole %v, cut %v)", data, simple, !simple)
		}
		if !simple {
			return
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = 0
		for n := 1; ; n++ {
			_, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				t.Fatalf("%q: scanner says simple, encoding/csv fails: %v", data, err)
			}
			if line, _ := r.FieldPos(0); line != n {
				t.Fatalf("%q: record %d starts on line %d", data, n, line)
			}
		}
	})
}

package ingest

import (
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

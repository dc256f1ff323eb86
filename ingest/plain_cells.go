package ingest

import (
	"bytes"
	"unicode/utf8"
)

// The cell forms the plain path accepts: each is a form whose meaning is
// not in doubt, so the value it gives equals what the general path's SQL
// parsers give for the same text.

// trimEdge reports a value so_trim would change: one that starts or ends
// with a character of trimChars.
func trimEdge(c []byte) bool {
	first, last := c[0], c[len(c)-1]
	if first <= ' ' || last <= ' ' {
		return first == ' ' || first == '\t' || first == '\r' || first == '\n' ||
			last == ' ' || last == '\t' || last == '\r' || last == '\n'
	}
	// U+3000 is E3 80 80 and U+00A0 is C2 A0 in UTF-8.
	if first == 0xE3 || first == 0xC2 || last == 0x80 || last == 0xA0 {
		return bytes.HasPrefix(c, ideographicSpace) || bytes.HasPrefix(c, noBreakSpace) ||
			bytes.HasSuffix(c, ideographicSpace) || bytes.HasSuffix(c, noBreakSpace)
	}
	return false
}

var ideographicSpace, noBreakSpace = []byte("\u3000"), []byte("\u00a0")

// word maps a vocabulary word as the SQL does (lower, then the map), for
// ASCII text or text that is already a key; other text may lower-case
// differently in DuckDB and Go, so it is not plain.
func word(m map[string][]byte, c []byte, scratch *[]byte) ([]byte, bool) {
	if v, ok := m[string(c)]; ok {
		return v, true
	}
	lower := (*scratch)[:0]
	for _, x := range c {
		if x >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		lower = append(lower, x)
	}
	*scratch = lower
	v, ok := m[string(lower)]
	return v, ok
}

// wordBytes is a vocabulary with its canonical words as bytes to append.
func wordBytes(m map[string]string) map[string][]byte {
	out := make(map[string][]byte, len(m))
	for k, v := range m {
		out[k] = []byte(v)
	}
	return out
}

// plainMoney reads so_money's fast form, -?[0-9]{1,16}(\.[0-9]{0,2})?, as
// cents: the value CAST(t AS DECIMAL(18,2)) gives it.
func plainMoney(s []byte) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	whole, frac, dot := bytes.Cut(s, []byte("."))
	if len(whole) < 1 || len(whole) > 16 || !digits(whole) || (dot && (len(frac) > 2 || !digits(frac))) {
		return 0, false
	}
	var c int64
	for _, d := range whole {
		c = c*10 + int64(d-'0')
	}
	for i := range 2 {
		c *= 10
		if i < len(frac) {
			c += int64(frac[i] - '0')
		}
	}
	if neg {
		c = -c
	}
	return c, true
}

// plainDate reads so_date0's fast form, [1-9][0-9]{3}-[0-9]{2}-[0-9]{2}, on
// a day the calendar has (CAST would fail where TRY_CAST gives NULL), as
// days since 1970-01-01.
func plainDate(s []byte) (int64, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || s[0] == '0' || !digits(s[:4]) || !digits(s[5:7]) || !digits(s[8:]) {
		return 0, false
	}
	y := int64(s[0]-'0')*1000 + int64(s[1]-'0')*100 + int64(s[2]-'0')*10 + int64(s[3]-'0')
	m := int64(s[5]-'0')*10 + int64(s[6]-'0')
	d := int64(s[8]-'0')*10 + int64(s[9]-'0')
	leap := y%4 == 0 && (y%100 != 0 || y%400 == 0)
	if m < 1 || m > 12 || d < 1 || (d > [...]int64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1] && !(m == 2 && d == 29 && leap)) {
		return 0, false
	}
	return daysFromCivil(y, m, d), true
}

// daysFromCivil counts days from 1970-01-01 to a proleptic Gregorian date
// (the algorithm of Howard Hinnant's "chrono-compatible low-level date
// algorithms").
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400 // y ≥ 999 here, so no negative years
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// plainInt reads a whole number so_int reads as itself: -?[0-9]{1,9}.
func plainInt(s []byte) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) < 1 || len(s) > 9 || !digits(s) {
		return 0, false
	}
	var n int64
	for _, d := range s {
		n = n*10 + int64(d-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

func digits(s []byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// plainTimestamp reads the timestamps so_ts0 reads with a plain CAST, or as
// a date alone, without a zone: YYYY-MM-DD, then optionally a space or T
// and HH:MM or HH:MM:SS on a clock that has them, as microseconds since
// 1970-01-01 00:00, the wall time the general path stores (a value without
// a zone is not converted, so the configured timezone plays no part).
// Zones, fractions of a second, one-digit hours and other separators are
// left to the general path.
func plainTimestamp(s []byte) (int64, bool) {
	if len(s) != 10 && len(s) != 16 && len(s) != 19 {
		return 0, false
	}
	days, ok := plainDate(s[:10])
	if !ok {
		return 0, false
	}
	var secs int64
	if len(s) > 10 {
		if (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || !digits(s[11:13]) || !digits(s[14:16]) {
			return 0, false
		}
		h := int64(s[11]-'0')*10 + int64(s[12]-'0')
		m := int64(s[14]-'0')*10 + int64(s[15]-'0')
		var sec int64
		if len(s) == 19 {
			if s[16] != ':' || !digits(s[17:19]) {
				return 0, false
			}
			sec = int64(s[17]-'0')*10 + int64(s[18]-'0')
		}
		if h > 23 || m > 59 || sec > 59 {
			return 0, false
		}
		secs = h*3600 + m*60 + sec
	}
	return (days*86400 + secs) * 1_000_000, true
}

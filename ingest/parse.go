package ingest

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/salesops/salesops/money"
)

// The value grammar of exports.md as RE2 patterns. The same text is compiled
// here for the Go reference parsers and embedded in the SQL macros
// (sqlfuncs.go) that parse staged text in DuckDB, so the two
// implementations of the spec cannot drift apart silently; a fuzz test
// checks that they agree.
const (
	parenRe = `^\((.*)\)$`
	moneyRe = `^([-+]?) *(?:¥|￥|(?i:rmb)|CNY)? *([-+]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.([0-9]*))? *(万?) *(元?)$`
	dateRe  = `^(?:([1-9][0-9]{3})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})|([1-9][0-9]{3})([0-9]{2})([0-9]{2})|([1-9][0-9]{3})年([0-9]{1,2})月([0-9]{1,2})日)` +
		`(?:(?:[T ]| +)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?)? *(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$`
	intRe   = `^[+-]?[0-9]{1,9}(?:\.0+)?$`
	rateRe  = `^[0-9]{1,10}(?:\.([0-9]+))?$`
	monthRe = `^([1-9][0-9]{3})(?:[-/.]|年)([0-9]{1,2})月?$`
)

var (
	reParen = regexp.MustCompile(parenRe)
	reMoney = regexp.MustCompile(moneyRe)
	reDate  = regexp.MustCompile(dateRe)
	reInt   = regexp.MustCompile(intRe)
	reRate  = regexp.MustCompile(rateRe)
	reMonth = regexp.MustCompile(monthRe)
)

// Reasons a value is rejected; the SQL parsers produce the same texts.
const (
	reasonAmount    = "not an amount"
	reasonCents     = "an amount with non-zero digits past the cent"
	reasonTooLarge  = "amount too large"
	reasonDate      = "not a date"
	reasonTimestamp = "not a date and time"
	reasonBool      = "not a yes/no value"
	reasonInt       = "not a whole number"
	reasonRate      = "not a positive exchange rate with at most 8 decimal places"
	reasonMonth     = "not a month (YYYY-MM)"
	reasonCurrency  = "unknown currency"
)

// trimChars are the characters trimmed around every value (ASCII space and
// control whitespace, the ideographic space and the no-break space); the
// SQL side trims the same set.
const trimChars = " \t\r\n\u3000\u00a0"

func trimSpace(s string) string { return strings.Trim(s, trimChars) }

// ParseMoney reads an amount in any format of exports.md: 1,234.50,
// ¥1,234.50, RMB 1234.50, 1234.50元, 1.2万, (1,234.00), -1234. Text with
// non-zero digits past the cent is an error, never rounded.
func ParseMoney(s string) (money.Cents, error) {
	t := trimSpace(s)
	neg := false
	if m := reParen.FindStringSubmatch(t); m != nil {
		neg, t = true, trimSpace(m[1])
	}
	m := reMoney.FindStringSubmatch(t)
	if m == nil || (m[3] == "" && m[4] == "") || (m[1] != "" && m[2] != "") || (neg && (m[1] != "" || m[2] != "")) {
		return 0, errors.New(reasonAmount)
	}
	if m[1] == "-" || m[2] == "-" {
		neg = !neg
	}
	intPart, frac := strings.ReplaceAll(m[3], ",", ""), m[4]
	// Cents are the integer digits then two places; 万 (10 000) shifts the
	// point four places, so then they are the integer digits and six places.
	scale, maxInt := 2, 16
	if m[5] == "万" {
		scale, maxInt = 6, 12
	}
	if len(frac) > scale {
		if strings.Trim(frac[scale:], "0") != "" {
			return 0, errors.New(reasonCents)
		}
		frac = frac[:scale]
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > maxInt {
		return 0, errors.New(reasonTooLarge)
	}
	digits := intPart + frac + strings.Repeat("0", scale-len(frac))
	v, _ := new(big.Int).SetString("0"+digits, 10)
	c := money.Cents(v.Int64())
	if neg {
		c = -c
	}
	return c, nil
}

// dateParts is the match of dateRe.
type dateParts struct {
	y, m, d            int
	hasTime            bool
	hh, mm, ss, micros int
	hasZone            bool
	offsetMin          int
}

func matchDate(s string) (dateParts, bool) {
	g := reDate.FindStringSubmatch(trimSpace(s))
	if g == nil {
		return dateParts{}, false
	}
	var p dateParts
	for i := 1; i <= 7; i += 3 {
		if g[i] != "" {
			p.y, _ = strconv.Atoi(g[i])
			p.m, _ = strconv.Atoi(g[i+1])
			p.d, _ = strconv.Atoi(g[i+2])
		}
	}
	if g[10] != "" {
		p.hasTime = true
		p.hh, _ = strconv.Atoi(g[10])
		p.mm, _ = strconv.Atoi(g[11])
		if g[12] != "" {
			p.ss, _ = strconv.Atoi(g[12])
		}
		frac := (g[13] + "000000")[:6]
		p.micros, _ = strconv.Atoi(frac)
		if p.hh > 23 || p.mm > 59 || p.ss > 59 {
			return p, false
		}
	}
	if z := g[14]; z != "" {
		if !p.hasTime {
			return p, false
		}
		p.hasZone = true
		if z != "Z" {
			digits := strings.ReplaceAll(z[1:], ":", "")
			h, _ := strconv.Atoi(digits[:2])
			mi := 0
			if len(digits) == 4 {
				mi, _ = strconv.Atoi(digits[2:])
			}
			if h > 14 || mi > 59 {
				return p, false
			}
			p.offsetMin = h*60 + mi
			if z[0] == '-' {
				p.offsetMin = -p.offsetMin
			}
		}
	}
	t := time.Date(p.y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC)
	if t.Year() != p.y || int(t.Month()) != p.m || t.Day() != p.d {
		return p, false
	}
	return p, true
}

// ParseDate reads a date: the configured layout (a Go reference layout)
// first, then 2026-11-03, 2026/11/3, 2026.11.03, 20261103 and 2026年11月3日,
// optionally followed by a time, which is ignored. The result is a civil
// date: midnight UTC.
func ParseDate(s, layout string) (time.Time, error) {
	if layout != "" {
		if t, err := time.Parse(layout, trimSpace(s)); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	p, ok := matchDate(s)
	if !ok {
		return time.Time{}, errors.New(reasonDate)
	}
	return time.Date(p.y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC), nil
}

// ParseTimestamp reads a date with an optional time, T or space separated.
// Without a zone it is wall time in loc; with one (Z, +08, +08:00) it is
// converted to loc's wall time. The result carries the wall clock in UTC.
func ParseTimestamp(s, layout string, loc *time.Location) (time.Time, error) {
	if layout != "" {
		if t, err := time.ParseInLocation(layout, trimSpace(s), loc); err == nil {
			return wall(t.In(loc)), nil
		}
	}
	p, ok := matchDate(s)
	if !ok {
		return time.Time{}, errors.New(reasonTimestamp)
	}
	t := time.Date(p.y, time.Month(p.m), p.d, p.hh, p.mm, p.ss, p.micros*1000, time.UTC)
	if p.hasZone {
		t = wall(time.Date(p.y, time.Month(p.m), p.d, p.hh, p.mm, p.ss, p.micros*1000, time.FixedZone("", p.offsetMin*60)).In(loc))
	}
	return t, nil
}

func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// ParseBool reads true/false, yes/no, y/n, 1/0, 是/否, 已/未.
func ParseBool(s string) (bool, error) {
	v, ok := boolWords[strings.ToLower(trimSpace(s))]
	if !ok {
		return false, errors.New(reasonBool)
	}
	return v == "true", nil
}

// ParseCurrency reads an ISO 4217 code or a common name (人民币, 美元).
func ParseCurrency(s string) (string, error) {
	t := trimSpace(s)
	if c, ok := currencyWords[strings.ToLower(t)]; ok {
		return c, nil
	}
	u := strings.ToUpper(t)
	if len(u) == 3 && strings.Trim(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return u, nil
	}
	return "", errors.New(reasonCurrency)
}

// goLayoutToStrptime converts a Go reference layout to DuckDB's strptime
// format, so a configured date_layout means the same in both parsers.
func goLayoutToStrptime(layout string) (string, error) {
	repl := []struct{ goTok, st string }{
		{"January", "%B"}, {"Jan", "%b"}, {"2006", "%Y"}, {"06", "%y"},
		{"01", "%m"}, {"02", "%d"}, {"15", "%H"}, {"04", "%M"}, {"05", "%S"},
		{"1", "%m"}, {"2", "%d"}, {"3", "%I"}, {"PM", "%p"},
	}
	var b strings.Builder
	for i := 0; i < len(layout); {
		matched := false
		for _, r := range repl {
			if strings.HasPrefix(layout[i:], r.goTok) {
				b.WriteString(r.st)
				i += len(r.goTok)
				matched = true
				break
			}
		}
		if !matched {
			c := layout[i]
			if c >= '0' && c <= '9' {
				return "", fmt.Errorf("date_layout %q: %q is not a layout element (write 2006-01-02 style)", layout, layout[i:])
			}
			if c == '%' {
				b.WriteByte('%')
			}
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

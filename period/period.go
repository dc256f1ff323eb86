// Package period owns the reporting periods of metrics.md: calendar months
// "YYYY-MM", quarters "YYYY-Qn" and baseline ranges "YYYY-MM..YYYY-MM", as
// civil dates in the configured time zone. Dates here are civil: a
// time.Time at midnight UTC standing for a calendar day, never an instant.
package period

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind says what a Period spans.
type Kind string

const (
	Month   Kind = "month"
	Quarter Kind = "quarter"
	Range   Kind = "range" // a run of whole months, such as the baseline
)

// Period is an inclusive span of whole months.
type Period struct {
	Kind  Kind
	First time.Time // first day of the first month (civil, UTC midnight)
	Last  time.Time // first day of the last month
}

// Date returns the civil date y-m-d.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Civil returns the calendar day of instant t in loc.
func Civil(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return Date(y, m, d)
}

// MonthOf returns the month containing civil date d.
func MonthOf(d time.Time) Period {
	first := Date(d.Year(), d.Month(), 1)
	return Period{Kind: Month, First: first, Last: first}
}

// QuarterOf returns the quarter containing civil date d.
func QuarterOf(d time.Time) Period {
	q := (int(d.Month()) - 1) / 3
	first := Date(d.Year(), time.Month(q*3+1), 1)
	return Period{Kind: Quarter, First: first, Last: first.AddDate(0, 2, 0)}
}

// Parse reads "2026-10", "2026-Q3" or "2025-01..2025-12". Its errors quote
// s as it was given, spaces and all, so an operator sees what they typed.
func Parse(s string) (Period, error) {
	p, err := parse(strings.TrimSpace(s))
	if err != nil {
		return Period{}, fmt.Errorf("period %q: %s", s, err)
	}
	return p, nil
}

func parse(s string) (Period, error) {
	if a, b, ok := strings.Cut(s, ".."); ok {
		pa, err := parseMonth(a)
		if err != nil {
			return Period{}, err
		}
		pb, err := parseMonth(b)
		if err != nil {
			return Period{}, err
		}
		if pb.First.Before(pa.First) {
			return Period{}, errors.New("range ends before it starts")
		}
		return Period{Kind: Range, First: pa.First, Last: pb.First}, nil
	}
	if y, q, ok := strings.Cut(s, "-Q"); ok {
		yy, err1 := strconv.Atoi(y)
		qq, err2 := strconv.Atoi(q)
		if err1 != nil || err2 != nil || len(y) != 4 || qq < 1 || qq > 4 {
			return Period{}, errors.New("want YYYY-Qn with n from 1 to 4")
		}
		return QuarterOf(Date(yy, time.Month(qq*3-2), 1)), nil
	}
	return parseMonth(s)
}

func parseMonth(s string) (Period, error) {
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	if err != nil {
		return Period{}, errors.New("want YYYY-MM, YYYY-Qn or YYYY-MM..YYYY-MM")
	}
	return MonthOf(t), nil
}

// MustParse is Parse for constants in tests.
func MustParse(s string) Period {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

// Start is P.start: the first day.
func (p Period) Start() time.Time { return p.First }

// End is P.end: the last day.
func (p Period) End() time.Time { return p.Last.AddDate(0, 1, -1) }

// Contains reports whether civil date d is in the period.
func (p Period) Contains(d time.Time) bool { return !d.Before(p.Start()) && !d.After(p.End()) }

// String renders the period in the form Parse reads.
func (p Period) String() string {
	switch p.Kind {
	case Quarter:
		return fmt.Sprintf("%d-Q%d", p.First.Year(), (int(p.First.Month())+2)/3)
	case Range:
		return p.First.Format("2006-01") + ".." + p.Last.Format("2006-01")
	default:
		return p.First.Format("2006-01")
	}
}

// Prev is the period of the same kind and length just before p.
func (p Period) Prev() Period { return p.Shift(-1) }

// Shift moves p by n of its own lengths (months for a month, quarters for a
// quarter); a range moves by its number of months.
func (p Period) Shift(n int) Period {
	months := p.Months()
	return Period{Kind: p.Kind, First: p.First.AddDate(0, n*months, 0), Last: p.Last.AddDate(0, n*months, 0)}
}

// YearAgo is the same period one year earlier.
func (p Period) YearAgo() Period {
	return Period{Kind: p.Kind, First: p.First.AddDate(-1, 0, 0), Last: p.Last.AddDate(-1, 0, 0)}
}

// Months is the number of calendar months in p.
func (p Period) Months() int {
	return (p.Last.Year()-p.First.Year())*12 + int(p.Last.Month()) - int(p.First.Month()) + 1
}

// LastComplete returns the last month or quarter (kind) that ended before the
// day of instant now in loc: what a monthly or quarterly job computes when it
// is not told a period.
func LastComplete(kind Kind, now time.Time, loc *time.Location) Period {
	today := Civil(now, loc)
	if kind == Quarter {
		return QuarterOf(today).Prev()
	}
	return MonthOf(today).Prev()
}

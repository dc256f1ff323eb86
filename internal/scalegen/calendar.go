package scalegen

import "time"

// calendar renders day numbers (days since 1970-01-01) as ISO dates from a
// table, since formatting a time.Time for each of 40 million dates would be
// most of the generator's work.
type calendar struct {
	first int
	dates [][10]byte
}

func dayNumber(t time.Time) int { return int(t.Unix() / 86400) }

func newCalendar(first, last int) calendar {
	c := calendar{first: first, dates: make([][10]byte, last-first+1)}
	for i := range c.dates {
		copy(c.dates[i][:], time.Unix(int64(first+i)*86400, 0).UTC().Format(time.DateOnly))
	}
	return c
}

// append writes day, or nothing for 0 (no date).
func (c calendar) append(b []byte, day int) []byte {
	if day == 0 {
		return b
	}
	return append(b, c.dates[day-c.first][:]...)
}

func (c calendar) String(day int) string { return string(c.append(nil, day)) }

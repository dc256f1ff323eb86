package jobs

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/robfig/cron/v3"
)

// cronSchedule is one job's parsed cron expression, pinned to the
// configured time zone. The same value drives gocron (through the
// gocron.Cron interface), NextRuns and the catch-up look-back, so the three
// can never disagree about when a job fires.
type cronSchedule struct {
	spec string
	loc  *time.Location
	next cron.Schedule
}

var _ gocron.Cron = (*cronSchedule)(nil)

// parseCron accepts a standard 5-field expression or a calendar descriptor
// (@daily, @monthly...). "@every" is refused because an interval anchored to
// process start has no "most recent fire time" to catch up, and a TZ= prefix
// is refused so the configured time zone stays the only one.
func parseCron(spec string, loc *time.Location) (*cronSchedule, error) {
	s := strings.TrimSpace(spec)
	if strings.HasPrefix(s, "TZ=") || strings.HasPrefix(s, "CRON_TZ=") {
		return nil, fmt.Errorf("cron %q: set the time zone in the configuration, not in the expression", spec)
	}
	if strings.HasPrefix(s, "@every") {
		return nil, fmt.Errorf("cron %q: @every is not a calendar schedule; use a 5-field expression such as \"0 * * * *\"", spec)
	}
	sched, err := cron.ParseStandard(s)
	if err != nil {
		return nil, fmt.Errorf("cron %q: %w", spec, err)
	}
	c := &cronSchedule{spec: s, loc: loc, next: sched}
	if c.Next(time.Now()).IsZero() {
		return nil, fmt.Errorf("cron %q: never fires", spec)
	}
	return c, nil
}

// Next is the first fire time strictly after t, in the schedule's zone.
func (c *cronSchedule) Next(t time.Time) time.Time {
	n := c.next.Next(t.In(c.loc))
	if n.IsZero() {
		return n
	}
	return n.In(c.loc)
}

// IsValid satisfies gocron.Cron; the expression was already checked by
// parseCron, so only the "fires at all" condition is left.
func (c *cronSchedule) IsValid(string, *time.Location, time.Time) error {
	if c.Next(time.Now()).IsZero() {
		return fmt.Errorf("cron %q never fires", c.spec)
	}
	return nil
}

// lookBacks are the windows tried, shortest first, when searching for the
// latest fire time at or before an instant: cron schedules only answer
// "next", so we step forward from a point far enough back. Five years
// covers "0 0 29 2 *" with room to spare.
var lookBacks = []time.Duration{
	2 * time.Hour, 26 * time.Hour, 8 * 24 * time.Hour, 32 * 24 * time.Hour,
	93 * 24 * time.Hour, 367 * 24 * time.Hour, 5 * 367 * 24 * time.Hour,
}

// Prev returns the latest fire time at or before t, and false when the
// schedule did not fire in the five years before t.
func (c *cronSchedule) Prev(t time.Time) (time.Time, bool) {
	for _, back := range lookBacks {
		f := c.Next(t.Add(-back))
		if f.IsZero() || f.After(t) {
			continue
		}
		for {
			n := c.Next(f)
			if n.IsZero() || n.After(t) {
				return f, true
			}
			f = n
		}
	}
	return time.Time{}, false
}

// Between lists the fire times in the half-open interval (from, to], at
// most limit of them, the earliest first.
func (c *cronSchedule) Between(from, to time.Time, limit int) []time.Time {
	var out []time.Time
	for f := c.Next(from); !f.IsZero() && !f.After(to) && len(out) < limit; f = c.Next(f) {
		out = append(out, f)
	}
	return out
}

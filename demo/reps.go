package demo

import (
	"fmt"
	"time"

	"github.com/salesops/salesops/period"
)

var teams = []struct {
	name, region string
	first, last  int // rep numbers; the first is the team lead
}{
	{"华东一组", "华东", 1, 11},
	{"华东二组", "华东", 12, 21},
	{"华南一组", "华南", 22, 31},
	{"华南二组", "华南", 32, 42},
}

const (
	gatedRep   = 18 // poor service: below the satisfaction gate in the latest month
	leaverRep  = 35 // leaves mid-month in the latest complete month
	newHireRep = 42 // hired after the latest complete month
)

// makeReps builds the roster: most reps were hired before the history
// starts; a few join and leave during it so eligibility has edge cases.
func (w *world) makeReps() {
	names := map[string]bool{}
	months := w.opt.Months
	at := func(monthOffset, day int) time.Time {
		m := period.MonthOf(w.start).Shift(monthOffset)
		return minDate(m.Start().AddDate(0, 0, day-1), m.End())
	}
	for _, t := range teams {
		lead := fmt.Sprintf("S%03d", t.first)
		for n := t.first; n <= t.last; n++ {
			r := &rep{id: fmt.Sprintf("S%03d", n), team: t.name, region: t.region}
			for {
				r.name = pick(w, surnames).zh + pick(w, givenNames).zh
				if !names[r.name] {
					names[r.name] = true
					break
				}
			}
			if n != t.first {
				r.manager = lead
			}
			r.hire = w.start.AddDate(0, 0, -30-w.r.IntN(6*365))
			r.skill = 20 + w.r.IntN(76)
			if n == t.first {
				r.skill = 70 + w.r.IntN(26)
			}
			r.service = 2
			if w.pct(20) {
				r.service = 1
			}
			switch n {
			case 40:
				r.hire = at(months/4, 10)
			case 41:
				r.hire = at(months/2, 1)
			case newHireRep:
				r.hire = period.MonthOf(w.asOf).Start()
				w.newHire = r
			case 9:
				r.leave = at(months/3, 20)
			case 27:
				r.leave = period.MonthOf(at(2*months/3, 1)).End()
			case leaverRep:
				r.leave = w.latest.Start().AddDate(0, 0, 14)
				w.leaver = r
			case gatedRep:
				r.service = 0
				w.gated = r
			}
			w.reps = append(w.reps, r)
		}
	}
	w.unknown = &rep{id: "S999", name: "S999", team: "华东一组", region: "华东", skill: 60, service: 2, unknown: true}
}

// employed returns the days of [from, to] on which r works, and false when
// there are none.
func (r *rep) employed(from, to time.Time) (time.Time, time.Time, bool) {
	if !r.hire.IsZero() && r.hire.After(from) {
		from = r.hire
	}
	if !r.leave.IsZero() && r.leave.Before(to) {
		to = r.leave
	}
	return from, to, !from.After(to)
}

// activeOn reports whether r is on the roster and working on day d.
func (r *rep) activeOn(d time.Time) bool {
	_, _, ok := r.employed(d, d)
	return ok
}

// teammate picks a colleague working on day d to take over r's customers.
func (w *world) teammate(r *rep, d time.Time) *rep {
	var mates []*rep
	for _, o := range w.reps {
		if o != r && o.team == r.team && o.activeOn(d) && o.hire.Before(d) {
			mates = append(mates, o)
		}
	}
	if len(mates) == 0 {
		return nil
	}
	return pick(w, mates)
}

// handOver moves the book of every rep who left before d to a teammate,
// as a CRM administrator would; the customer export shows the new owner.
func (w *world) handOver(d time.Time) {
	for _, r := range w.reps {
		if r.leave.IsZero() || !r.leave.Before(d) || len(r.book) == 0 {
			continue
		}
		to := w.teammate(r, d)
		if to == nil {
			continue
		}
		for _, c := range r.book {
			c.owner = to
		}
		to.book = append(to.book, r.book...)
		r.book = nil
	}
}

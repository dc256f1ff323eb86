package demo

import (
	"cmp"
	"slices"
	"time"
)

// addActivity records what the reps did around the deals: follow-ups along
// the standard process, surveys after wins and after-sales tickets.
func (w *world) addActivity() {
	for _, c := range w.leads {
		day := c.created
		for range 1 + w.r.IntN(3) {
			w.addFollowup(c, c.creator, day, "development")
			day = day.AddDate(0, 0, 3+w.r.IntN(20))
		}
	}
	for _, d := range w.deals {
		w.dealFollowups(d)
		if d.status == "won" {
			w.maybeSurvey(d)
		}
		if d.wasWon() && w.pct(15) {
			w.addTicket(d)
		}
	}
	w.planNextFollowups()
}

// dealFollowups walks a deal through the process: development for a new
// customer, follow-ups while it is open, contract talks before a win, then
// after-sales visits and regular check-ins. A few wins skip the process
// entirely (audit A5).
func (w *world) dealFollowups(d *deal) {
	won := d.wasWon()
	if won && w.pct(2) {
		return
	}
	c, r := d.cust, d.rep
	if d.newCustomer {
		for range 1 + w.r.IntN(2) {
			w.addFollowup(c, r, w.between(c.created, d.created), "development")
		}
	}
	end := w.asOf
	switch {
	case !d.closed.IsZero():
		end = d.closed
	case !d.cancelled.IsZero():
		end = d.cancelled
	}
	for range min(1+days(d.created, end)/25+w.r.IntN(2), 5) {
		w.addFollowup(c, r, w.between(d.created, end), "follow_up")
	}
	if !won {
		return
	}
	for range 1 + w.r.IntN(2) {
		w.addFollowup(c, r, w.between(d.closed.AddDate(0, 0, -3), d.closed), "contract")
	}
	for range 1 + w.r.IntN(2) {
		w.addFollowup(c, r, d.closed.AddDate(0, 0, 7+w.r.IntN(54)), "after_sales")
	}
	// Regular check-ins while the customer stays active (a year after the
	// win): every three to four weeks, as the standardised process asks, with
	// the occasional lapse that the audit's A2 is there to catch.
	for t := d.closed.AddDate(0, 0, 14+w.r.IntN(14)); t.Before(d.closed.AddDate(0, 0, 364)); t = t.AddDate(0, 0, 20+w.r.IntN(9)) {
		if w.pct(93) {
			w.addFollowup(c, r, t, "follow_up")
		}
	}
}

var channelsByStage = map[string][]string{
	"development": {"call", "call", "call", "visit", "message", "email", "other"},
	"follow_up":   {"call", "call", "visit", "visit", "message", "message", "email", "meeting"},
	"contract":    {"visit", "visit", "meeting"},
	"after_sales": {"visit", "call", "message", "call"},
}

// addFollowup records a follow-up at a working-hours time on day, unless the
// rep does not work that day or the day is after the export.
func (w *world) addFollowup(c *customer, r *rep, day time.Time, stage string) {
	if day.After(w.asOf) || !r.activeOn(day) {
		return
	}
	f := &followup{
		cust: c, rep: r, stage: stage, seq: w.next(),
		at:      day.Add(time.Duration(8*60+30+w.r.IntN(10*60)) * time.Minute),
		channel: pick(w, channelsByStage[stage]),
		content: pick(w, followupContent[stage]),
		result:  pick(w, followupResults[stage]),
	}
	switch n := w.r.IntN(1000); {
	case n < 4:
		f.content = ""
	case n < 8:
		f.result = ""
	}
	w.followups = append(w.followups, f)
}

// planNextFollowups gives about 30% of follow-ups a next_followup_date:
// mostly (85%) one the rep then kept (the next contact falls within three
// days of it), otherwise a plan that may be missed (audit A8).
func (w *world) planNextFollowups() {
	byCust := slices.Clone(w.followups)
	slices.SortStableFunc(byCust, func(a, b *followup) int {
		return cmp.Or(cmp.Compare(a.cust.seq, b.cust.seq), a.at.Compare(b.at), cmp.Compare(a.seq, b.seq))
	})
	for i, f := range byCust {
		if !w.pct(30) {
			continue
		}
		day := dateOf(f.at)
		if i+1 < len(byCust) && byCust[i+1].cust == f.cust && w.pct(85) {
			nextDay := dateOf(byCust[i+1].at)
			if gap := days(day, nextDay); gap >= 2 && gap <= 30 {
				f.next = nextDay.AddDate(0, 0, -w.r.IntN(min(3, gap-1)))
				continue
			}
		}
		f.next = day.AddDate(0, 0, 7+w.r.IntN(15))
	}
}

func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// scoreCum is the cumulative percentage of scores 5, 4, 3, 2, 1 for poor,
// average and good service.
var scoreCum = [3][5]int{
	{8, 20, 55, 85, 100},
	{30, 70, 88, 96, 100},
	{50, 88, 96, 99, 100},
}

func (w *world) score(r *rep) int {
	n := w.r.IntN(100)
	for i, c := range scoreCum[r.service] {
		if n < c {
			return 5 - i
		}
	}
	return 1
}

// maybeSurvey sends about two thirds of won customers a survey that comes
// back within 60 days; some responses do not name the rep.
func (w *world) maybeSurvey(d *deal) {
	if !w.pct(65) {
		return
	}
	day := d.closed.AddDate(0, 0, 2+w.r.IntN(54))
	if day.After(w.asOf) {
		return
	}
	w.addSurvey(d.cust, d.rep, day, w.score(d.rep), w.pct(15))
}

func (w *world) addSurvey(c *customer, r *rep, day time.Time, score int, anonymous bool) *survey {
	s := &survey{cust: c, rep: r, date: day, score: score, seq: w.next()}
	if anonymous {
		s.rep = nil
	}
	if w.pct(50) {
		s.comment = pick(w, surveyComments[score])
	}
	w.surveys = append(w.surveys, s)
	return s
}

// addTicket opens an after-sales ticket for a won customer. Complaints are
// mostly resolved within a week; some take longer or stay open (audit A6).
func (w *world) addTicket(d *deal) {
	day := d.closed.AddDate(0, 0, 5+w.r.IntN(116))
	if day.After(w.asOf) {
		return
	}
	t := &ticket{cust: d.cust, seq: w.next()}
	t.opened = day.Add(time.Duration(8*60+w.r.IntN(12*60)) * time.Minute)
	if w.pct(75) && d.rep.activeOn(day) {
		t.rep = d.rep
	}
	var hours int
	switch n := w.r.IntN(100); {
	case n < 45:
		t.kind = "complaint"
		switch {
		case n < 35:
			hours = 1 + w.r.IntN(150)
		case n < 40:
			hours = 170 + w.r.IntN(310)
		}
	case n < 70:
		t.kind = "suggestion"
		if n < 66 {
			hours = 2 + w.r.IntN(300)
		}
	default:
		t.kind = "request"
		if n < 96 {
			hours = 1 + w.r.IntN(100)
		}
	}
	if hours > 0 {
		t.resolved = t.opened.Add(time.Duration(hours)*time.Hour + time.Duration(w.r.IntN(60))*time.Minute)
		if !t.resolved.Before(w.asOf.AddDate(0, 0, 1)) {
			t.resolved = time.Time{}
		}
	}
	w.tickets = append(w.tickets, t)
}

package demo

import (
	"time"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// The situations every consumer of the demo relies on are placed on purpose
// rather than left to chance, so they exist for every seed.

var hostileNames = []string{
	`</script><img src=x onerror=alert(1)>`,
	`=HYPERLINK("http://example.com","x")`,
}

// addSpecials places the deal situations: a rep missing from the roster,
// clawbacks, the corrected re-export, a repeated key and hostile names.
func (w *world) addSpecials() {
	w.badYear = w.busiestYear()
	w.unknownRepDeals()
	used := map[*deal]bool{}
	L := w.latest
	w.clawback = w.claim(used, L.Prev(), func(*deal) bool { return true })
	w.clawback.status, w.clawback.cancelled = "cancelled", L.Start().AddDate(0, 0, 9)
	w.sameMonth = w.claim(used, L, func(d *deal) bool { return d.closed.Day() <= 20 })
	w.sameMonth.status, w.sameMonth.cancelled = "cancelled", w.sameMonth.closed.AddDate(0, 0, 5)
	w.cancelNoDay = w.claim(used, L, func(*deal) bool { return true })
	w.cancelNoDay.status = "cancelled"

	deltas := []money.Cents{120000, -350000, 88050}
	for _, delta := range deltas {
		d := w.claim(used, w.correctionMonth, func(d *deal) bool { return d.amount+delta >= 500000 })
		d.origAmt, d.amount, d.corrected = d.amount, d.amount+delta, true
	}
	year := period.Period{Kind: period.Range, First: period.Date(w.badYear, 1, 1), Last: period.Date(w.badYear, 12, 1)}
	d := w.claim(used, year, func(d *deal) bool { return d.created.Year() == w.badYear })
	d.firstAmt, d.repeated = d.amount*10, true // a typed extra zero, fixed by a later row

	for _, d := range w.deals {
		if len(w.hostile) == len(hostileNames) {
			break
		}
		c := d.cust
		if d.status == "won" && L.Contains(d.closed) && d.newCustomer && !d.noCustomer && !c.english &&
			(len(w.hostile) == 0 || w.hostile[0] != c) {
			c.name = hostileNames[len(w.hostile)]
			w.hostile = append(w.hostile, c)
		}
	}
}

// busiestYear is the calendar year with the most deals: its sales file is
// large enough that a few rejected rows stay under the 1% threshold.
func (w *world) busiestYear() int {
	count := map[int]int{}
	for _, d := range w.deals {
		count[d.created.Year()]++
	}
	best := w.start.Year()
	for y := w.start.Year(); y <= w.asOf.Year(); y++ {
		if count[y] >= count[best] {
			best = y
		}
	}
	return best
}

// claim returns an unclaimed plain won CNY deal closed in p, creating one for
// a roster rep when the simulation left none.
func (w *world) claim(used map[*deal]bool, p period.Period, ok func(*deal) bool) *deal {
	for _, d := range w.deals {
		if !used[d] && d.status == "won" && d.currency == "CNY" && !d.rep.unknown &&
			p.Contains(d.closed) && ok(d) {
			used[d] = true
			return d
		}
	}
	d := w.openDeal(w.reps[0], maxDate(p.Start(), w.start))
	d.status, d.closed, d.archived = "won", d.created.AddDate(0, 0, 5), "true"
	d.amount += 500000
	used[d] = true
	return d
}

// unknownRepDeals books deals under S999, an id the roster does not have
// (a rep entered in the CRM but never in HR's list).
func (w *world) unknownRepDeals() {
	host := w.reps[0]
	plan := []struct {
		month  int
		status string
	}{{0, "won"}, {0, "won"}, {0, "won"}, {-1, "won"}, {-1, "lost"}, {0, "open"}}
	for _, p := range plan {
		m := w.latest.Shift(p.month)
		created := maxDate(m.Start(), w.start).AddDate(0, 0, w.r.IntN(10))
		c := host.book[0]
		for range 20 {
			if o := pick(w, host.book); !o.created.After(created) {
				c = o
				break
			}
		}
		d := &deal{rep: w.unknown, cust: c, created: created, currency: "CNY", hasAmount: true, seq: w.next()}
		d.product, d.amount = w.quote(w.unknown, created)
		w.deals = append(w.deals, d)
		closeDay := time.Time{}
		if p.status != "open" {
			closeDay = created.AddDate(0, 0, 5+w.r.IntN(11))
		}
		w.settle(d, p.status, closeDay)
	}
}

// forceActivitySituations makes the gated rep's latest month poor and makes
// sure the latest quarter has an open and a late complaint.
func (w *world) forceActivitySituations() {
	L, g := w.latest, w.gated
	var mine []*survey
	named := 0
	for _, s := range w.surveys {
		switch {
		case !L.Contains(s.date):
		case s.rep == g:
			named++
			mine = append(mine, s)
		case s.rep == nil && s.cust.owner == g:
			mine = append(mine, s)
		}
	}
	for ; named < 3; named++ {
		mine = append(mine, w.addSurvey(pick(w, g.book), g, w.between(L.Start(), L.End()), 2, false))
	}
	for i, s := range mine {
		s.score = 2 + i%2
		if i == 0 {
			s.score = 4
		}
		if s.comment != "" {
			s.comment = pick(w, surveyComments[s.score])
		}
	}

	q := period.QuarterOf(L.Start())
	var open, late bool
	for _, t := range w.tickets {
		if t.kind != "complaint" || !q.Contains(dateOf(t.opened)) {
			continue
		}
		open = open || t.resolved.IsZero()
		late = late || t.resolved.Sub(t.opened) > 168*time.Hour
	}
	c := w.reps[0].book[0]
	opened := maxDate(q.Start(), w.start).AddDate(0, 0, 3).Add(10 * time.Hour)
	if !open {
		w.tickets = append(w.tickets, &ticket{cust: c, rep: w.reps[0], kind: "complaint", opened: opened, seq: w.next()})
	}
	if !late {
		w.tickets = append(w.tickets, &ticket{cust: c, rep: w.reps[0], kind: "complaint", opened: opened,
			resolved: opened.Add(200 * time.Hour), seq: w.next()})
	}
}

// addBadRows adds the deliberately rejectable rows: copies of a real deal
// and survey, each with one wrong field, so the real records stay intact.
func (w *world) addBadRows() {
	var tpl *deal
	for _, d := range w.deals {
		if d.status == "won" && d.currency == "CNY" && d.created.Year() == w.badYear && !d.repeated && !d.corrected {
			tpl = d
			break
		}
	}
	if tpl == nil {
		tpl = w.claim(map[*deal]bool{}, period.MonthOf(period.Date(w.badYear, 6, 1)), func(*deal) bool { return true })
	}
	bad := []*badMark{
		{field: "amount", raw: "12.345", why: "amount has digits past the cent"},
		{field: "status", raw: "待定", why: "status word that maps to no status"},
		{field: "close_date", date: true, why: "close date that does not exist"},
		{field: "customer_id", why: "won deal without customer_id"},
	}
	for _, b := range bad {
		c := *tpl
		c.seq, c.bad = w.next(), b
		c.noCustomer = b.field == "customer_id"
		w.deals = append(w.deals, &c)
	}

	prev := w.latest.Prev()
	tplS := &survey{cust: w.reps[0].book[0], rep: w.reps[0], date: prev.Start().AddDate(0, 0, 4)}
	for _, s := range w.surveys {
		if prev.Contains(s.date) && s.rep != nil && s.rep != w.gated {
			tplS = s
			break
		}
	}
	c := *tplS
	c.seq, c.score, c.comment = w.next(), 7, ""
	c.bad = &badMark{field: "score", why: "score 7 outside the 5-point scale"}
	w.surveys = append(w.surveys, &c)
}

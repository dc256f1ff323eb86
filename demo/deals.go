package demo

import (
	"math"
	"time"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// simulate runs the company month by month: every working rep opens
// opportunities (with new or existing customers) in proportion to skill,
// season and days worked, and meets leads who never buy.
func (w *world) simulate() {
	w.seedCustomers()
	for m := period.MonthOf(w.start); !m.Start().After(w.asOf); m = m.Shift(1) {
		w.handOver(m.Start())
		end := minDate(m.End(), w.asOf)
		for _, r := range w.reps {
			from, to, ok := r.employed(m.Start(), end)
			if !ok {
				continue
			}
			share := float64(days(from, to)+1) / float64(m.End().Day())
			if !r.leave.IsZero() {
				to = minDate(to, r.leave.AddDate(0, 0, -5)) // no new deals in the notice week
			}
			mean := 9 * float64(seasonPct[m.Start().Month()]) / 100 * (0.7 + float64(r.skill)/250) * share
			for range poisson(w, mean) {
				if to.Before(from) {
					break
				}
				d := w.openDeal(r, w.between(from, to))
				w.settleRandom(d)
			}
			if w.r.Float64() < 0.4*share {
				w.leads = append(w.leads, w.newCustomer(r, w.between(from, to)))
			}
		}
	}
	w.handOver(w.asOf.AddDate(0, 0, 1))
}

func days(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// poisson draws a count with the given mean (Knuth; means here are small).
func poisson(w *world, mean float64) int {
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= w.r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// openDeal creates an opportunity of r on day created, with an existing
// customer of r's book or a new one, and quotes it in CNY.
func (w *world) openDeal(r *rep, created time.Time) *deal {
	d := &deal{rep: r, created: created, currency: "CNY", seq: w.next()}
	if len(r.book) > 0 && !w.pct(25) {
		d.cust = pick(w, r.book)
	}
	if d.cust == nil || d.cust.created.After(created) {
		d.cust = w.newCustomer(r, maxDate(created.AddDate(0, 0, -w.r.IntN(15)), minDate(created, maxDate(r.hire, w.start))))
		d.newCustomer = true
	}
	d.product, d.amount = w.quote(r, created)
	d.hasAmount = true
	w.deals = append(w.deals, d)
	return d
}

// quote prices a deal in CNY cents with integer arithmetic: a product's band,
// scaled by the season and the rep's skill, kept within 5,000–500,000 yuan.
func (w *world) quote(r *rep, day time.Time) (string, money.Cents) {
	i := w.r.IntN(len(products))
	if r.skill > 60 && w.pct(25) {
		i = 1 + w.r.IntN(2)
	}
	p := products[i]
	yuan := p.min + w.r.Int64N(p.max-p.min+1)
	yuan = yuan * seasonPct[day.Month()] / 100 * int64(85+r.skill*3/10) / 100
	yuan = min(max(yuan, 5000), 500000)
	cents := yuan * 100
	switch n := w.r.IntN(10); {
	case n < 5:
		cents = max(cents/10000*10000, 500000)
	case n < 8:
	default:
		if yuan < 500000 {
			cents += w.r.Int64N(100)
		}
	}
	return p.name, money.Cents(cents)
}

// cycle is the days from opportunity to close: 5 to 120, mostly one to two months.
func (w *world) cycle() int {
	return min(5+w.r.IntN(26)+w.r.IntN(26)+w.r.IntN(70), 120)
}

// settleRandom decides the outcome of d as the company lived it.
func (w *world) settleRandom(d *deal) {
	closeDay := d.created.AddDate(0, 0, w.cycle())
	if !d.rep.leave.IsZero() && closeDay.After(d.rep.leave) {
		closeDay = d.rep.leave
	}
	switch {
	case closeDay.After(w.asOf):
		w.settle(d, "open", time.Time{})
	case w.pct(1):
		w.settle(d, "cancelled", closeDay) // withdrawn before it was ever won
	case w.pct(28 + d.rep.skill*32/100):
		w.settle(d, "won", closeDay)
		if w.pct(3) {
			if c := closeDay.AddDate(0, 0, 3+w.r.IntN(88)); !c.After(w.asOf) {
				d.status, d.cancelled = "cancelled", c
			}
		}
	default:
		w.settle(d, "lost", closeDay)
	}
}

// settle sets the outcome of d: won and lost close on day; a cancelled deal
// that was never won has only a cancel date; open deals have neither.
func (w *world) settle(d *deal, status string, day time.Time) {
	d.status = status
	switch status {
	case "open":
		if w.pct(60) {
			d.hasAmount = false
		}
		if d.newCustomer && w.pct(50) {
			d.noCustomer = true
		}
	case "cancelled":
		d.cancelled = day
	case "won":
		d.closed = day
		switch n := w.r.IntN(100); {
		case n < 95:
			d.archived = "true"
		case n < 98:
			d.archived = "false"
		}
	case "lost":
		d.closed = day
		switch n := w.r.IntN(4); {
		case n == 0:
			d.amount = 0
		case n == 1:
			d.hasAmount = false
		}
		if d.newCustomer && w.pct(10) {
			d.noCustomer = true
		}
	}
	w.pickCurrency(d)
}

// pickCurrency bills about 8% of deals in foreign currency, converting the
// CNY quote at the month's rate: foreign customers mostly pay in USD.
func (w *world) pickCurrency(d *deal) {
	if d.rep.unknown {
		return
	}
	cur := ""
	switch n := w.r.IntN(100); {
	case d.cust.english && n < 80, n < 4:
		cur = "USD"
	case n == 99 && w.pct(50):
		cur = "EUR"
	}
	if cur == "" {
		return
	}
	day := d.closed
	if day.IsZero() {
		day = d.created
	}
	d.amount, d.currency = toForeign(d.amount, w.rate(cur, day)), cur
}

// toForeign converts non-negative CNY cents to cents of a currency worth
// rate ten-thousandths of a yuan, rounded half up: (2·a·10⁴ + r) / (2r).
func toForeign(cny money.Cents, rate int64) money.Cents {
	return money.Cents((2*int64(cny)*10000 + rate) / (2 * rate))
}

// wasWon reports whether d was won at some point: won, or won and then
// cancelled (a cancelled deal with a close date).
func (d *deal) wasWon() bool { return !d.closed.IsZero() && d.status != "lost" }

package demo

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// The model: the records as the company's systems hold them. Pointers link
// records while they are generated; ids are assigned once at the end, in
// chronological order, so files read naturally.

type rep struct {
	id, name, team, region, manager string
	hire, leave                     time.Time // zero: before history / never
	skill                           int       // 0..100: deal volume, win rate and size
	service                         int       // 0 poor, 1 average, 2 good: survey scores
	book                            []*customer
	unknown                         bool // not in the roster
}

type customer struct {
	id, name, contact, phone, email, industry, region, source string
	owner                                                     *rep
	created                                                   time.Time
	english                                                   bool
	creator                                                   *rep // the rep who entered it; owner may change on hand-over
	seq                                                       int
}

type deal struct {
	id          string
	cust        *customer
	noCustomer  bool // exported without customer_id
	rep         *rep
	status      string // won, lost, open, cancelled
	amount      money.Cents
	hasAmount   bool
	currency    string
	created     time.Time
	closed      time.Time
	cancelled   time.Time
	product     string
	archived    string // "true", "false" or "" (missing)
	newCustomer bool   // the customer was created for this deal

	bad       *badMark    // a deliberately rejectable row
	firstAmt  money.Cents // repeat: the amount of the earlier, wrong row
	repeated  bool
	origAmt   money.Cents // correction: the amount in the original export
	corrected bool
	seq       int
}

type followup struct {
	id              string
	cust            *customer
	rep             *rep
	at              time.Time // local wall clock in Asia/Shanghai
	channel, stage  string
	content, result string
	next            time.Time
	seq             int
}

type survey struct {
	id      string
	cust    *customer
	rep     *rep // nil: exported empty, falls back to the owner
	date    time.Time
	score   int
	comment string
	bad     *badMark
	seq     int
}

type ticket struct {
	id               string
	cust             *customer
	rep              *rep
	kind             string
	opened, resolved time.Time
	seq              int
}

type fxRate struct {
	currency string
	month    time.Time
	rate     int64 // ten-thousandths of a yuan per unit
}

// badMark says which field of a record is deliberately wrong and why.
type badMark struct {
	field string // canonical field name
	raw   string // text written instead of the formatted value ("" = format the value)
	date  bool   // raw is an impossible date: written in the file's date layout
	why   string
}

type world struct {
	opt       Options
	r         *rand.Rand
	start     time.Time // first day of history
	asOf      time.Time
	latest    period.Period
	reps      []*rep
	unknown   *rep
	customers []*customer
	leads     []*customer // customers who were met but never opened a deal
	deals     []*deal
	followups []*followup
	surveys   []*survey
	tickets   []*ticket
	fx        []fxRate
	seq       int

	gated, leaver, newHire           *rep
	clawback, sameMonth, cancelNoDay *deal
	hostile                          []*customer
	correctionMonth                  period.Period
	badYear                          int
}

func build(opt Options) *world {
	w := &world{
		opt:    opt,
		r:      rand.New(rand.NewPCG(opt.Seed, 0x5a1e5_0b5)),
		asOf:   opt.AsOf,
		latest: period.MonthOf(opt.AsOf).Prev(),
	}
	w.start = period.MonthOf(opt.AsOf).Shift(-opt.Months).Start()
	w.correctionMonth = w.latest.Shift(-2)
	w.makeFX()
	w.makeReps()
	w.simulate()
	w.addSpecials()
	w.addActivity()
	w.forceActivitySituations()
	w.addBadRows()
	w.assignIDs()
	return w
}

func (w *world) next() int { w.seq++; return w.seq }

// pct is true with probability p percent.
func (w *world) pct(p int) bool { return w.r.IntN(100) < p }

func (w *world) between(a, b time.Time) time.Time {
	days := int(b.Sub(a).Hours() / 24)
	if days <= 0 {
		return a
	}
	return a.AddDate(0, 0, w.r.IntN(days+1))
}

func pick[T any](w *world, xs []T) T { return xs[w.r.IntN(len(xs))] }

func minDate(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func (w *world) makeFX() {
	usd, eur := int64(71800), int64(78200)
	for m := period.MonthOf(w.start); !m.Start().After(w.asOf); m = m.Shift(1) {
		w.fx = append(w.fx, fxRate{"USD", m.Start(), usd}, fxRate{"EUR", m.Start(), eur})
		usd = min(max(usd+int64(w.r.IntN(401))-200, 70500), 73500)
		eur = min(max(eur+int64(w.r.IntN(601))-300, 75000), 81000)
	}
}

func (w *world) rate(cur string, d time.Time) int64 {
	m := period.MonthOf(d).Start()
	for _, f := range w.fx {
		if f.currency == cur && f.month.Equal(m) {
			return f.rate
		}
	}
	panic(fmt.Sprintf("demo: no %s rate for %s", cur, m.Format("2006-01")))
}

// assignIDs numbers every record in chronological order.
func (w *world) assignIDs() {
	slices.SortStableFunc(w.customers, func(a, b *customer) int {
		return cmp.Or(a.created.Compare(b.created), cmp.Compare(a.seq, b.seq))
	})
	for i, c := range w.customers {
		c.id = fmt.Sprintf("C%05d", i+1)
	}
	slices.SortStableFunc(w.deals, func(a, b *deal) int {
		return cmp.Or(a.created.Compare(b.created), cmp.Compare(a.seq, b.seq))
	})
	for i, d := range w.deals {
		d.id = fmt.Sprintf("D%05d", i+1)
	}
	slices.SortStableFunc(w.followups, func(a, b *followup) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.seq, b.seq))
	})
	for i, f := range w.followups {
		f.id = fmt.Sprintf("F%06d", i+1)
	}
	slices.SortStableFunc(w.surveys, func(a, b *survey) int {
		return cmp.Or(a.date.Compare(b.date), cmp.Compare(a.seq, b.seq))
	})
	for i, s := range w.surveys {
		s.id = fmt.Sprintf("SV%05d", i+1)
	}
	slices.SortStableFunc(w.tickets, func(a, b *ticket) int {
		return cmp.Or(a.opened.Compare(b.opened), cmp.Compare(a.seq, b.seq))
	})
	for i, t := range w.tickets {
		t.id = fmt.Sprintf("T%05d", i+1)
	}
}

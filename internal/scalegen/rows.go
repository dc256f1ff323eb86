package scalegen

import (
	"math/rand/v2"
	"strconv"
)

// Canonical headers (exports.md). Sales has no currency column: this
// company sells in the base currency only, as most CRMs export it.
var headers = map[string]string{
	"reps":      "rep_id,name,team,region,manager_id,hire_date,leave_date",
	"customers": "customer_id,company_name,contact_name,phone,email,industry,region,source,owner_rep_id,created_date",
	"sales":     "deal_id,customer_id,rep_id,status,amount,created_date,close_date,cancel_date,product,contract_archived",
	"followups": "followup_id,customer_id,rep_id,followup_at,channel,stage,content,result,next_followup_date",
	"surveys":   "survey_id,customer_id,rep_id,survey_date,score,comment",
}

var (
	regions    = []string{"East", "North", "South", "West"}
	surnames   = []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun"}
	givens     = []string{"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Hui", "Tao", "Ping", "Xin", "Hao"}
	industries = []string{"manufacturing", "retail", "logistics", "healthcare", "education", "finance", "energy", "software"}
	sources    = []string{"referral", "website", "exhibition", "cold_call", "partner"}
	firms      = []string{"Huaxin Trading", "Jinda Machinery", "Ruifeng Foods", "Tianhe Logistics", "Mingyuan Medical", "Boya Education"}
	products   = []string{"ERP Basic", "ERP Pro", "CRM Cloud", "HR Suite", "BI Reports", "Support Plan", "Training", "Hardware"}
	channels   = []string{"visit", "call", "email", "message", "meeting"}
	contents   = []string{"introduced the product", "discussed pricing", "sent a quotation", "demo for the team", "negotiated terms", "checked delivery"}
	results    = []string{"interested", "needs approval", "asked for a discount", "will decide next month", "positive", "no reply"}
	comments   = []string{"", "", "quick delivery", "helpful rep", "price too high", "good support", "slow reply"}
	scoreCDF   = []int{3, 8, 20, 60, 100} // percent of scores ≤ 1..5
)

const (
	won = iota
	lost
	open
	cancelled
)

var statusWord = [...]string{"won", "lost", "open", "cancelled"}

// rng draws the values of one row. It is reseeded for every row from the
// seed, the kind and the row's index, which is what makes each row a pure
// function of them whatever worker renders it.
type rng struct {
	pcg *rand.PCG
	*rand.Rand
}

func newRNG() rng {
	p := rand.NewPCG(0, 0)
	return rng{pcg: p, Rand: rand.New(p)}
}

// Salts keep the streams of different kinds apart.
const (
	saltRep uint64 = iota + 1
	saltCustomer
	saltDeal
	saltChange
)

func (r rng) seed(seed, salt uint64, i int) {
	r.pcg.Seed(seed^salt*0x9e3779b97f4a7c15, splitmix(uint64(i)))
}

// splitmix spreads consecutive indexes over the whole state, so the first
// draws of neighbouring rows are unrelated.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

func (r rng) pick(words []string) string { return words[r.IntN(len(words))] }

// deal is one deal as first exported. Days are day numbers (calendar.go);
// 0 is no date, amount 0 no amount.
type deal struct {
	i                          int
	cust, rep                  int
	status                     int
	amount                     int64 // cents
	created, closed, cancelled int
	product                    string
	archived                   string // "true", "false" or ""
}

func (g *gen) deal(r rng, i int) deal {
	r.seed(g.opt.Seed, saltDeal, i)
	d := deal{i: i, product: r.pick(products)}
	d.created = g.start + r.IntN(g.asOf-g.start+1)
	d.cust = r.IntN(g.customersBy(d.created))
	d.rep = g.owner(d.cust)
	if r.IntN(100) >= 85 {
		d.rep = r.IntN(g.size.Reps)
	}
	closeAt := d.created + 3 + r.IntN(118)
	u := r.IntN(100)
	d.amount = 100_000 + r.Int64N(20_000_000)
	switch {
	case closeAt > g.asOf || u < 12:
		d.status = open
	case u < 47:
		d.status, d.closed = lost, closeAt
	case u < 92:
		d.status, d.closed = won, closeAt
	default:
		d.status, d.closed, d.cancelled = cancelled, closeAt, closeAt+1+r.IntN(60)
		if d.cancelled > g.asOf {
			d.status, d.cancelled = won, 0
		}
	}
	if (d.status == open || d.status == lost) && r.IntN(2) == 0 {
		d.amount = 0 // open and lost deals often have no amount yet
	}
	if d.status == won || d.status == cancelled {
		d.archived = "true"
		if r.IntN(10) == 0 {
			d.archived = "false"
		}
	}
	return d
}

// owner is the rep who owns customer c; most deals are the owner's.
func (g *gen) owner(c int) int { return c % g.size.Reps }

// Customers are created evenly from two years before the history to its
// last day, in the order of their ids, so about half exist when it starts
// and every month brings new ones whose first wins count.
const customerLead = 730

func (g *gen) customerCreated(c int) int {
	first, span := g.start-customerLead, g.asOf-g.start+customerLead+1
	return first + int(int64(c)*int64(span)/int64(g.size.Customers))
}

// customersBy is how many customers exist on day: a deal made that day is
// with one of them.
func (g *gen) customersBy(day int) int {
	first, span := g.start-customerLead, int64(g.asOf-g.start+customerLead+1)
	n := (int64(day-first+1)*int64(g.size.Customers) + span - 1) / span
	return int(max(1, min(n, int64(g.size.Customers))))
}

func (g *gen) appendDeal(b []byte, d deal) []byte {
	b = appendID(b, 'D', d.i+1, 9)
	b = append(b, ',')
	b = appendID(b, 'C', d.cust+1, 7)
	b = append(b, ',')
	b = appendID(b, 'R', d.rep+1, 4)
	b = append(b, ',')
	b = append(b, statusWord[d.status]...)
	b = append(b, ',')
	if d.amount != 0 {
		b = appendCents(b, d.amount)
	}
	b = append(b, ',')
	b = g.cal.append(b, d.created)
	b = append(b, ',')
	b = g.cal.append(b, d.closed)
	b = append(b, ',')
	b = g.cal.append(b, d.cancelled)
	b = append(b, ',')
	b = append(b, d.product...)
	b = append(b, ',')
	b = append(b, d.archived...)
	return append(b, '\n')
}

// appendFollowups renders the deal's two follow-ups (ids 2i+1, 2i+2),
// between its creation and its close (or the data's last day), drawing on
// from the deal's stream.
func (g *gen) appendFollowups(b []byte, r rng, d deal) []byte {
	end := d.closed
	if end == 0 {
		end = g.asOf
	}
	if d.created == g.delta {
		end = g.delta
	}
	day := d.created
	for k := range 2 {
		day += r.IntN(end - day + 1)
		b = appendID(b, 'F', 2*d.i+k+1, 10)
		b = append(b, ',')
		b = appendID(b, 'C', d.cust+1, 7)
		b = append(b, ',')
		b = appendID(b, 'R', d.rep+1, 4)
		b = append(b, ',')
		b = g.cal.append(b, day)
		b = append(b, ' ')
		b = append2(b, 8+k*4+r.IntN(4))
		b = append(b, ':')
		b = append2(b, r.IntN(60))
		b = append(b, ':')
		b = append2(b, r.IntN(60))
		b = append(b, ',')
		b = append(b, r.pick(channels)...)
		b = append(b, ',')
		switch {
		case k == 0:
			b = append(b, "development"...)
		case d.status == won || d.status == cancelled:
			b = append(b, "contract"...)
		default:
			b = append(b, "follow_up"...)
		}
		b = append(b, ',')
		b = append(b, r.pick(contents)...)
		b = append(b, ',')
		b = append(b, r.pick(results)...)
		b = append(b, ',')
		if r.IntN(10) < 7 {
			b = g.cal.append(b, day+7+r.IntN(24))
		}
		b = append(b, '\n')
	}
	return b
}

// appendSurvey renders the survey of every tenth deal, answered within a
// month of its close (or creation), never after the data's last day.
func (g *gen) appendSurvey(b []byte, r rng, d deal) []byte {
	base := d.closed
	if base == 0 {
		base = d.created
	}
	day := min(base+1+r.IntN(30), g.asOf)
	score, u := 1, r.IntN(100)
	for score < 5 && u >= scoreCDF[score-1] {
		score++
	}
	b = appendID(b, 'S', d.i/10+1, 8)
	b = append(b, ',')
	b = appendID(b, 'C', d.cust+1, 7)
	b = append(b, ',')
	b = appendID(b, 'R', d.rep+1, 4)
	b = append(b, ',')
	b = g.cal.append(b, day)
	b = append(b, ',')
	b = append(b, byte('0'+score), ',')
	b = append(b, r.pick(comments)...)
	return append(b, '\n')
}

// appendRep renders rep i: teams of ten, each led by its first rep, all
// hired before the history starts and none gone, so every deal's rep was
// employed when it was made.
func (g *gen) appendRep(b []byte, r rng, i int) []byte {
	r.seed(g.opt.Seed, saltRep, i)
	team := i / 10
	b = appendID(b, 'R', i+1, 4)
	b = append(b, ',')
	b = append(b, r.pick(surnames)...)
	b = append(b, ' ')
	b = append(b, r.pick(givens)...)
	b = append(b, ',')
	b = appendID(b, 'T', team+1, 2)
	b = append(b, ',')
	b = append(b, regions[team%len(regions)]...)
	b = append(b, ',')
	if lead := team * 10; lead != i {
		b = appendID(b, 'R', lead+1, 4)
	}
	b = append(b, ',')
	b = g.cal.append(b, g.start-30-r.IntN(2000))
	return append(b, ",\n"...)
}

// appendCustomer renders customer c; most existed before the history.
func (g *gen) appendCustomer(b []byte, r rng, c int) []byte {
	r.seed(g.opt.Seed, saltCustomer, c)
	b = appendID(b, 'C', c+1, 7)
	b = append(b, ',')
	b = append(b, r.pick(firms)...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(c+1), 10)
	b = append(b, ',')
	b = append(b, r.pick(surnames)...)
	b = append(b, ' ')
	b = append(b, r.pick(givens)...)
	b = append(b, ",1"...)
	b = strconv.AppendInt(b, 3_000_000_000+int64(r.IntN(999_999_999)), 10)
	b = append(b, ",contact"...)
	b = strconv.AppendInt(b, int64(c+1), 10)
	b = append(b, "@example.com,"...)
	b = append(b, r.pick(industries)...)
	b = append(b, ',')
	b = append(b, r.pick(regions)...)
	b = append(b, ',')
	b = append(b, r.pick(sources)...)
	b = append(b, ',')
	b = appendID(b, 'R', g.owner(c)+1, 4)
	b = append(b, ',')
	b = g.cal.append(b, g.customerCreated(c))
	return append(b, '\n')
}

// appendID writes prefix and n zero-padded to width digits.
func appendID(b []byte, prefix byte, n, width int) []byte {
	b = append(b, prefix)
	var digits [20]byte
	s := strconv.AppendInt(digits[:0], int64(n), 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }

// appendCents writes a positive amount of cents as units.cc.
func appendCents(b []byte, c int64) []byte {
	b = strconv.AppendInt(b, c/100, 10)
	return append2(append(b, '.'), int(c%100))
}

package demo

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/salesops/salesops/money"
)

// plan is one export file before it is written: its header and rows (text
// for CSV, typed cells for XLSX) and where its deliberate defects landed.
type plan struct {
	file      File
	fields    []string // canonical field of each column
	header    []string // as written
	title     string   // XLSX: merged title row above the header
	crlf      bool
	rows      [][]any
	firstLine int // line or sheet row of the first data row
	bad       []BadRow
	repeats   []BadRow
}

var fieldsOf = map[string][]string{
	"reps":      {"rep_id", "name", "team", "region", "manager_id", "hire_date", "leave_date"},
	"customers": {"customer_id", "company_name", "contact_name", "phone", "email", "industry", "region", "source", "owner_rep_id", "created_date"},
	"sales":     {"deal_id", "customer_id", "rep_id", "status", "amount", "currency", "created_date", "close_date", "cancel_date", "product", "contract_archived"},
	"followups": {"followup_id", "customer_id", "rep_id", "followup_at", "channel", "stage", "content", "result", "next_followup_date"},
	"surveys":   {"survey_id", "customer_id", "rep_id", "survey_date", "score", "comment"},
	"tickets":   {"ticket_id", "customer_id", "rep_id", "kind", "opened_at", "resolved_at"},
	"fx_rates":  {"currency", "month", "rate"},
}

func newPlan(f File, header []string) *plan {
	p := &plan{file: f, fields: fieldsOf[f.Kind], header: header, firstLine: 2}
	if header == nil {
		p.header = p.fields
	}
	if f.Format == "" {
		p.file.Format = "csv"
	}
	return p
}

// add appends a row, writing the defect of bad (if any) over its field and
// recording where it landed.
func (p *plan) add(row []any, bad *badMark, badYear int, dl dialect) {
	line := p.firstLine + len(p.rows)
	if bad != nil {
		i := slices.Index(p.fields, bad.field)
		switch {
		case bad.date:
			row[i] = dl.date(badYear, time.February, 30)
		case bad.raw != "":
			row[i] = bad.raw
		}
		p.bad = append(p.bad, BadRow{Path: p.file.Path, Line: line, Column: p.header[i], Value: fmt.Sprint(row[i]), Why: bad.why})
	}
	p.rows = append(p.rows, row)
}

func id(r *rep) string {
	if r == nil {
		return ""
	}
	return r.id
}

func strs(ss ...string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// layout arranges the world into export files, canonical or realistic.
func layout(w *world, canon bool) []*plan {
	if canon {
		return canonicalLayout(w)
	}
	return realisticLayout(w)
}

func canonicalLayout(w *world) []*plan {
	dl := canonical
	csv := func(kind, path, note string) *plan {
		return newPlan(File{Kind: kind, Path: path, Encoding: "utf-8", Note: note}, nil)
	}
	reps := csv("reps", "reps.csv", "sales roster")
	for _, r := range w.reps {
		reps.add(repRow(r, dl), nil, 0, dl)
	}
	custs := csv("customers", "customers.csv", "customer database")
	for _, c := range w.customers {
		custs.add(customerRow(c, dl), nil, 0, dl)
	}
	sales := csv("sales", "sales/contracts.csv", "deals of the whole history")
	corr := csv("sales", "sales/corrections-"+w.correctionMonth.String()+".csv", "corrected re-export of a few deals of an earlier month")
	addSales(w, corr, dl, func(*deal) (*plan, dialect) { return sales, dl })
	fus := csv("followups", "followups.csv", "follow-up records")
	for _, f := range w.followups {
		fus.add(followupRow(f, dl), nil, 0, dl)
	}
	svs := csv("surveys", "surveys.csv", "satisfaction survey responses, 5-point scale")
	for _, s := range w.surveys {
		svs.add(strs(s.id, s.cust.id, id(s.rep), dl.day(s.date), strconv.Itoa(s.score), s.comment), s.bad, w.badYear, dl)
	}
	return append([]*plan{reps, custs, sales, corr, fus, svs}, ticketPlan(w, csv("tickets", "tickets.csv", "after-sales tickets"), dl), fxPlan(w))
}

func repRow(r *rep, dl dialect) []any {
	return strs(r.id, r.name, r.team, r.region, r.manager, dl.day(r.hire), dl.day(r.leave))
}

func customerRow(c *customer, dl dialect) []any {
	return strs(c.id, c.name, c.contact, c.phone, c.email, c.industry, c.region, c.source, id(c.owner), dl.day(c.created))
}

func followupRow(f *followup, dl dialect) []any {
	return strs(f.id, f.cust.id, f.rep.id, dl.at(f.at), dl.word(f.channel), dl.word(f.stage), f.content, f.result, dl.day(f.next))
}

func salesRow(d *deal, amount money.Cents, dl dialect) []any {
	cust, amt := d.cust.id, ""
	if d.noCustomer {
		cust = ""
	}
	if d.hasAmount {
		amt = dl.money(amount, d.currency)
	}
	return strs(d.id, cust, d.rep.id, dl.word(d.status), amt, dl.currency(d.currency), dl.day(d.created),
		dl.day(d.closed), dl.day(d.cancelled), d.product, dl.bool(d.archived))
}

// addSales writes every deal to the file pick chooses for it, as first
// exported (the repeated deal with its wrong amount, corrected deals with
// their original amount), then the repeated deal's correcting row at the
// end of its file, and the corrected deals to the re-export corr.
func addSales(w *world, corr *plan, dlCorr dialect, pick func(*deal) (*plan, dialect)) {
	type repeat struct {
		p    *plan
		dl   dialect
		d    *deal
		line int
	}
	var reps []repeat
	for _, d := range w.deals {
		p, dl := pick(d)
		amount := d.amount
		switch {
		case d.repeated:
			amount = d.firstAmt
			reps = append(reps, repeat{p, dl, d, p.firstLine + len(p.rows)})
		case d.corrected:
			amount = d.origAmt
		}
		p.add(salesRow(d, amount, dl), d.bad, w.badYear, dl)
	}
	for _, r := range reps {
		line := r.p.firstLine + len(r.p.rows)
		r.p.add(salesRow(r.d, r.d.amount, r.dl), nil, 0, r.dl)
		r.p.repeats = append(r.p.repeats, BadRow{Path: r.p.file.Path, Line: line, Column: r.p.header[0], Value: r.d.id,
			Why: fmt.Sprintf("repeats line %d with the amount corrected", r.line)})
	}
	for _, d := range w.deals {
		if d.corrected {
			corr.add(salesRow(d, d.amount, dlCorr), nil, 0, dlCorr)
		}
	}
}

func ticketPlan(w *world, p *plan, dl dialect) *plan {
	for _, t := range w.tickets {
		p.add(strs(t.id, t.cust.id, id(t.rep), dl.word(t.kind), dl.at(t.opened), dl.at(t.resolved)), nil, 0, dl)
	}
	return p
}

func fxPlan(w *world) *plan {
	p := newPlan(File{Kind: "fx_rates", Path: "fx_rates.csv", Encoding: "utf-8", Note: "monthly exchange rates to CNY"}, nil)
	for _, f := range w.fx {
		p.add(strs(f.currency, f.month.Format("2006-01"), fmt.Sprintf("%d.%04d", f.rate/10000, f.rate%10000)), nil, 0, canonical)
	}
	return p
}

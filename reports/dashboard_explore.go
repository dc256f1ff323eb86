package reports

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html/template"
	"maps"
	"slices"
	"time"

	"github.com/salesops/salesops/i18n"
)

// exploreJS filters, cross-filters, drills and sorts the dashboard in the
// browser from the page's own data (docs/reports.md). A constant asset:
// it reads the data from the explore-data element and writes only text.
//
//go:embed assets/explore.js
var exploreJS string

// exploreScript runs after the charts exist (the page shell's Script).
var exploreScript = template.JS(exploreJS)

// exploreTmpl is the filter bar, the drill-down's section and the data.
// The data goes through html/template's script escaping, the one the
// charts' options take: JSON with <, >, & and U+2028/2029 escaped, so no
// name can close the element or start a comment. The bar stays hidden
// until the script shows it: without the script it could do nothing.
var exploreTmpl = template.Must(template.New("explore").Parse(`<div id="explore" class="explore" hidden>
<strong>{{index .L "ex.filters"}}</strong>
<label>{{index .L "col.team"}} <select id="f-team"></select></label>
<label>{{index .L "col.region"}} <select id="f-region"></select></label>
<label>{{index .L "col.rep"}} <select id="f-rep"></select></label>
<button type="button" id="f-clear">{{index .L "ex.clear"}}</button>
<span class="note" id="f-note"></span>
<span class="f-state" id="f-state"></span>
</div>
<section id="drill" hidden><h2 id="drill-title"></h2><div id="drill-body"></div></section>
<script type="application/json" id="explore-data">{{.Data}}</script>
`))

// exploreCSS lays the bar out on one line that wraps on a phone.
const exploreCSS template.CSS = `
.explore { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center;
  background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 0 0 16px; }
.explore select { max-width: 14em; }
.explore .note { flex-basis: 100%; margin: 0; }
th.sortable { cursor: pointer; user-select: none; } th .sort { font-size: 10px; color: var(--muted); }
button.rep-link { all: unset; cursor: pointer; color: var(--accent); text-decoration: underline dotted; }
#drill h3 { font-size: 14px; margin: 12px 0 4px; }
/* Opened from a name, the rep's rows start below the sticky bar; on a
   phone the bar scrolls away instead of covering a third of the screen. */
#drill { scroll-margin-top: 96px; }
@media (max-width: 640px) { .explore { position: static; } #drill { scroll-margin-top: 0; } }
/* Printed, the bar is only what it filters: a filtered page says so. */
.explore .f-state { display: none; }
@media print { .explore { position: static; } .explore:not([data-on]) { display: none; }
  .explore > :not(.f-state) { display: none; } .explore .f-state { display: inline; font-weight: 600; } }
`

// exploreView is the data the script reads: compact (arrays, indexes,
// cents as integers, days of the month) because at scale it is most of
// the file; docs/reports.md gives its size.
type exploreView struct {
	Cap     int               `json:"cap"`
	Sym     string            `json:"sym"`
	L       map[string]string `json:"l"`
	Months  []string          `json:"months"`
	Cur     int               `json:"cur"`  // index of the dashboard's month in Months
	Prov    []bool            `json:"prov"` // lead conversion provisional, by month
	Teams   []string          `json:"teams"`
	Regions []string          `json:"regions"`
	Reps    []exploreRep      `json:"reps"`
	Cust    [][2]string       `json:"cust"`    // id, name of each customer the rows name
	Leaders []int             `json:"leaders"` // the rep of each leaderboard row
	RiskCap int               `json:"riskCap"` // riskLimit, the rows of the at-risk table
	Bonus   []int             `json:"bonus"`   // the rep of each allocation, largest first

	custAt map[string]int // Cust's index by customer id
}

type exploreRep struct {
	ID     string         `json:"id"`
	Name   string         `json:"name"`
	Team   int            `json:"t"` // index in Teams, -1: none
	Region int            `json:"r"`
	M      [][]int64      `json:"m"` // by month: gross, cancellations, net (cents), won, lost, follow-ups, leads, converted, responses, satisfied
	Base   [4]int64       `json:"b"` // the baseline's gross (cents), follow-ups, won, lost
	Funnel [4]int64       `json:"f"`
	Scores []int64        `json:"s"` // responses by score, as the scores chart
	Alloc  int64          `json:"a"` // bonus allocation, cents
	N      [3]int64       `json:"n"` // the month's deals, follow-ups, responses before the cap
	Rows   [3]exploreRows `json:"x"` // [day, id, customer, what/score, amount/note]
	Risk   [][]any        `json:"k"` // customers at risk: [customer, last follow-up ("": never), days (null: never)]
	RiskN  int64          `json:"kn"`
}

var drillKinds = []string{"deal", "followup", "response"}

// renderExplore writes the bar, the drill-down's section and the data of d.
func renderExplore(w *bytes.Buffer, d *dashData, lang i18n.Lang, currency string) error {
	if d.Explore == nil {
		return nil
	}
	v := buildExploreView(d, lang, currency)
	return exploreTmpl.Execute(w, struct {
		L    map[string]string
		Data exploreView
	}{lang.Labels(), v})
}

func buildExploreView(d *dashData, lang i18n.Lang, currency string) exploreView {
	x := d.Explore
	v := exploreView{Cap: drillCap, Sym: CurrencySymbol(currency), L: map[string]string{}}
	for _, k := range exploreJSLabels {
		v.L[k] = lang.T(k)
	}
	for i, r := range d.Trend {
		v.Months, v.Prov = append(v.Months, r.Period), append(v.Prov, r.ConversionProvisional)
		if r.Period == d.P.String() {
			v.Cur = i
		}
	}
	idx := map[string]int{}
	teams, regions := map[string]int{}, map[string]int{}
	for _, r := range d.Cur {
		switch r.Level {
		case "team":
			teams[r.Key] = len(v.Teams)
			v.Teams = append(v.Teams, r.Name)
		case "region":
			regions[r.Key] = len(v.Regions)
			v.Regions = append(v.Regions, r.Name)
		}
	}
	rep := func(id string) int {
		if i, ok := idx[id]; ok {
			return i
		}
		idx[id] = len(v.Reps)
		v.Reps = append(v.Reps, exploreRep{ID: id, Name: id, Team: -1, Region: -1})
		return idx[id]
	}
	for _, r := range d.Cur {
		if r.Level == "rep" {
			p := &v.Reps[rep(r.Key)]
			p.Name = r.Name
			if i, ok := teams[r.Team]; ok && r.Team != "" {
				p.Team = i
			}
			if i, ok := regions[r.Region]; ok && r.Region != "" {
				p.Region = i
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(x.Sums)) {
		p := &v.Reps[rep(id)]
		for _, s := range x.Sums[id] {
			p.M = append(p.M, []int64{int64(s.Gross), int64(s.Cancel), int64(s.Net), s.Won, s.Lost, s.Followups, s.Leads, s.Conv, s.Responses, s.Satisfied})
		}
	}
	for _, r := range d.Base {
		if r.Level == "rep" {
			v.Reps[rep(r.Key)].Base = [4]int64{int64(r.GrossSales), r.Followups, r.WonDeals, r.LostDeals}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(x.Funnel)) {
		v.Reps[rep(id)].Funnel = x.Funnel[id]
	}
	for _, id := range slices.Sorted(maps.Keys(x.Scores)) {
		p := &v.Reps[rep(id)]
		for _, s := range d.Scores {
			p.Scores = append(p.Scores, x.Scores[id][s.Score])
		}
	}
	v.addRows(x, rep)
	v.addRisk(x, rep)
	for _, r := range rankedReps(d.Cur) {
		v.Leaders = append(v.Leaders, rep(r.Key))
	}
	if d.Bonus != nil {
		for _, a := range d.Bonus.Allocations {
			i := rep(a.RepID)
			v.Bonus, v.Reps[i].Alloc = append(v.Bonus, i), int64(a.Amount)
		}
	}
	return v
}

// customer is the index of a customer in Cust, added on first sight; -1
// for none.
func (v *exploreView) customer(id, name string) int {
	if id == "" {
		return -1
	}
	if v.custAt == nil {
		v.custAt = map[string]int{}
	}
	c, ok := v.custAt[id]
	if !ok {
		c = len(v.Cust)
		v.custAt[id] = c
		v.Cust = append(v.Cust, [2]string{id, name})
	}
	return c
}

// addRisk files the customers at risk under their owners.
func (v *exploreView) addRisk(x *exploreData, rep func(string) int) {
	v.RiskCap = riskLimit
	for _, c := range x.Risk {
		last, days := "", any(nil)
		if c.LastFollowup.Valid {
			last = c.LastFollowup.Time.Format(time.DateOnly)
		}
		if c.DaysSince.Valid {
			days = c.DaysSince.Int64
		}
		p := &v.Reps[rep(c.RepID)]
		p.Risk = append(p.Risk, []any{v.customer(c.CustomerID, c.Name), last, days})
	}
	for id, n := range x.RiskTotals {
		v.Reps[rep(id)].RiskN = n
	}
}

// addRows files the month's rows under their reps, naming each customer
// once in Cust.
func (v *exploreView) addRows(x *exploreData, rep func(string) int) {
	for _, g := range x.Rows {
		for i := range g {
			r := &g[i]
			k := slices.Index(drillKinds, r.Kind)
			if k < 0 {
				continue
			}
			p := &v.Reps[rep(r.Rep)]
			p.Rows[k] = append(p.Rows[k], exploreRow{r: r, cust: v.customer(r.Customer, r.Company)})
		}
	}
	for id, t := range x.Totals {
		p := &v.Reps[rep(id)]
		for k, kind := range drillKinds {
			p.N[k] = t[kind]
		}
	}
}

// exploreRows are one rep's drill rows of one kind. They point at the
// month's rows and become the script's arrays only as the page's JSON is
// written, a rep and kind at a time: the arrays of all of them at once
// were as large as the rows themselves (282,344 rows at 10M deals).
type exploreRows []exploreRow

type exploreRow struct {
	r    *drillRow
	cust int // index in Cust, -1: none
}

func (rs exploreRows) MarshalJSON() ([]byte, error) {
	if rs == nil {
		return []byte("null"), nil
	}
	out := make([][]any, len(rs))
	for i, x := range rs {
		out[i] = x.values()
	}
	return json.Marshal(out)
}

// values is the row as the script reads it: [day, id, customer, what,
// amount] for a deal, [day, id, customer, stage, note] for a follow-up,
// [day, id, customer, score, note] for a response.
func (x exploreRow) values() []any {
	r := x.r
	row := []any{r.Day, r.Item, x.cust}
	switch r.Kind {
	case "deal":
		var amount any
		if r.Amount != nil {
			amount = int64(*r.Amount)
		}
		row = append(row, r.What, amount)
	case "followup":
		row = append(row, r.What, r.Note)
	case "response":
		var score any
		if r.Score != nil {
			score = *r.Score
		}
		row = append(row, score, r.Note)
	}
	return row
}

// exploreJSLabels are the labels the script writes.
var exploreJSLabels = []string{"ex.filters", "col.team", "col.region", "col.rep", "ex.all", "ex.note", "ex.drill", "ex.deal", "ex.followup", "ex.response", "ex.capped",
	"ex.none", "ex.hint", "ex.sort", "col.date", "col.id", "col.customer", "col.event", "col.amount", "col.stage",
	"col.note", "col.score", "event.won", "event.lost", "event.cancelled", "bonus.others", "stage.development",
	"stage.follow_up", "stage.contract", "stage.after_sales", "never", "risk.explain", "risk.total", "risk.shown"}

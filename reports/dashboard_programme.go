package reports

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"math/big"

	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/money"
)

// The programme section as the dashboard and the audit page show it: the
// same markup in both, a template defined in each page's template set, so
// the two reports cannot drift apart. Every value reaches it as text.

// programmeView is the section, formatted in one language.
type programmeView struct {
	L           map[string]string
	Intro, Note string
	Costs       []programmeCostRow
	Total       programmeCostRow
	Lifts       []programmeLiftRow
	ShowExplain bool
}

type programmeCostRow struct{ Label, Yearly, ToDate string }

type programmeLiftRow struct {
	Key, Label, Base, ToDate, Lift, Target, Status, Tone string
	ExtraNet, ExtraBonus, Ratio                          string
}

// newProgrammeView formats d in lang; nil when d is (no programme start).
func newProgrammeView(d *programmeData, lang i18n.Lang, currency string) (*programmeView, error) {
	if d == nil {
		return nil, nil
	}
	f, err := d.figures()
	if err != nil {
		return nil, fmt.Errorf("the programme's figures: %w", err)
	}
	L := func(k string) string { return lang.T(k) }
	v := &programmeView{L: lang.Labels()}
	months := fmt.Sprintf(L("prog.months"), f.Months)
	if f.Months == 1 {
		months = L("prog.month")
	}
	v.Intro = fmt.Sprintf(L("prog.intro"), d.Start, d.Through, months)
	var yearly money.Cents
	for _, c := range f.Costs {
		v.Costs = append(v.Costs, programmeCostRow{L("prog.cost." + c.Key), FormatMoney(c.Yearly, currency), FormatMoney(c.ToDate, currency)})
		yearly += c.Yearly
	}
	v.Total = programmeCostRow{L("prog.total"), FormatMoney(yearly, currency), FormatMoney(f.CostToDate, currency)}
	switch {
	case f.Months == 0:
		v.Intro, v.Note = "", fmt.Sprintf(L("prog.not_started"), d.Start)
		return v, nil
	case d.Baseline == "":
		v.Note = L("prog.no_baseline")
		return v, nil
	}
	v.Intro += " " + fmt.Sprintf(L("prog.against"), d.Baseline)
	row := func(key, label string, l programmeLift, format func(*big.Rat) string) programmeLiftRow {
		r := programmeLiftRow{Key: key, Label: L(label), Base: format(l.Base), ToDate: format(l.ToDate),
			Lift: FormatSignedPercent(l.Lift), Target: FormatSignedPercent(l.Target), Tone: "neutral",
			ExtraNet: "—", ExtraBonus: "—", Ratio: "—"}
		if l.Lift != nil && l.Target != nil {
			r.Status, r.Tone = L("target.missed"), "bad"
			if l.Met() {
				r.Status, r.Tone = L("target.met"), "good"
			}
		}
		if l.ExtraNet != nil {
			r.ExtraNet = FormatMoney(*l.ExtraNet, currency)
		}
		if l.ExtraBonus != nil {
			r.ExtraBonus = FormatMoney(*l.ExtraBonus, currency)
		}
		if l.Ratio != nil {
			r.Ratio = FormatDecimal(l.Ratio, 2) + "×"
		}
		return r
	}
	v.Lifts = []programmeLiftRow{
		row("efficiency", "m.efficiency", f.Eff, func(r *big.Rat) string { return FormatMoneyRat(r, currency) }),
		row("win_rate", "m.win_rate", f.Win, FormatPercent),
	}
	v.ShowExplain = true
	return v, nil
}

// programmeTmpl is the section; {{template "programme" .Programme}} in a
// page's template shows it, and nothing when the view is nil.
const programmeTmpl = `{{with .}}<section id="programme" class="programme">
<style>.programme td.good { color: var(--good); } .programme td.bad { color: var(--bad); } .programme tr.total th, .programme tr.total td { border-top: 2px solid var(--line); font-weight: 600; }</style>
<h2>{{index .L "prog.title"}}</h2>
{{if .Intro}}<p class="note">{{.Intro}}</p>{{end}}
<div class="scroll"><table id="programme-costs">
<thead><tr><th>{{index .L "prog.col.cost"}}</th><th class="num">{{index .L "prog.col.yearly"}}</th><th class="num">{{index .L "prog.col.to_date"}}</th></tr></thead>
<tbody>{{range .Costs}}<tr><td>{{.Label}}</td><td class="num">{{.Yearly}}</td><td class="num">{{.ToDate}}</td></tr>
{{end}}<tr class="total"><th>{{.Total.Label}}</th><td class="num">{{.Total.Yearly}}</td><td class="num" data-figure="cost-to-date">{{.Total.ToDate}}</td></tr>
</tbody></table></div>
{{if .Note}}<p class="muted">{{.Note}}</p>{{end}}
{{if .Lifts}}<div class="scroll"><table id="programme-gains">
<thead><tr><th>{{index .L "prog.col.measure"}}</th><th class="num">{{index .L "col.baseline"}}</th><th class="num">{{index .L "prog.col.programme"}}</th>
<th class="num">{{index .L "prog.col.lift"}}</th><th class="num">{{index .L "target"}}</th><th>{{index .L "prog.col.status"}}</th>
<th class="num">{{index .L "prog.col.extra_net"}}</th><th class="num">{{index .L "prog.col.extra_bonus"}}</th><th class="num">{{index .L "prog.col.ratio"}}</th></tr></thead>
<tbody>{{range .Lifts}}<tr data-lift="{{.Key}}"><td>{{.Label}}</td><td class="num">{{.Base}}</td><td class="num">{{.ToDate}}</td>
<td class="num {{.Tone}}">{{.Lift}}</td><td class="num">{{.Target}}</td><td class="{{.Tone}}">{{.Status}}</td>
<td class="num" data-figure="extra-net">{{.ExtraNet}}</td><td class="num" data-figure="extra-bonus">{{.ExtraBonus}}</td><td class="num" data-figure="ratio">{{.Ratio}}</td></tr>
{{end}}</tbody></table></div>{{end}}
{{if .ShowExplain}}<p class="note">{{index .L "prog.explain"}}</p>{{end}}
</section>{{end}}`

func init() {
	template.Must(dashTmpl.New("programme").Parse(programmeTmpl))
	template.Must(auditContentTmpl.New("programme").Parse(programmeTmpl))
}

// loadDashWithProgramme is loadDashData with the programme's figures
// through the month.
func loadDashWithProgramme(ctx context.Context, db *sql.DB, opt DashboardOptions) (*dashData, error) {
	d, err := loadDashData(ctx, db, opt)
	if err != nil {
		return nil, err
	}
	po := opt.Programme
	po.EfficiencyLift, po.WinRateLift = opt.Targets.EfficiencyLift, opt.Targets.WinRateLift
	if d.Programme, err = loadProgramme(ctx, db, po, d.P); err != nil {
		return nil, err
	}
	return d, nil
}

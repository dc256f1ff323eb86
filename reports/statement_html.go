package reports

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strconv"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/money"
)

// statementCSS lays the statement out for one A4 page: small type, two
// columns for the month and the plan, tables whose header repeats should a
// long deal list run onto a second page.
const statementCSS = `
@page { size: A4; margin: 11mm 11mm 9mm; }
body { font-size: 10px; line-height: 1.22; background: #fff; }
main { max-width: 190mm; padding: 0 4mm; }
header.top { padding: 6px 4mm; border-bottom: 2px solid var(--ink); max-width: 190mm; margin: 0 auto; }
header.top h1 { font-size: 15px; }
header.top p { margin: 1px 0 0; }
section { border: none; border-radius: 0; padding: 0; margin: 6px 0 0; }
section h2 { font-size: 11px; margin: 0 0 2px; border-bottom: 1px solid var(--line); padding-bottom: 1px; }
.cols { display: grid; grid-template-columns: 1fr 1.15fr 1fr; gap: 0 12px; }
.bonus { display: flex; align-items: baseline; gap: 10px; margin-top: 6px; }
.bonus strong { font-size: 19px; }
th, td { padding: 0 4px; }
th { position: static; }
td.calc { color: var(--muted); }
#steps td:first-child { white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1.5px solid var(--ink); }
.note { font-size: 9px; margin: 2px 0 0; }
footer.generator { padding: 4px 0 0; font-size: 8px; }
@media print { header.top, main { padding-left: 0; padding-right: 0; } }
`

type kv struct{ K, V string }

// statementView is the statement as the template prints it: text only,
// every figure already formatted.
type statementView struct {
	T                          func(string) string
	Title, Who, Status, Priv   string
	Amount, Rank               string
	Figures, Plan, Company     []kv
	PoolNote                   string
	Steps                      []statementStep
	Deals                      [][]string
	New                        [][]string
	Responses                  [][]string
	Adjustments                [][]string
	DealHead, NewHead, RspHead []string
	AdjHead                    []string
	None                       string
}

var statementTmpl = template.Must(template.New("statement").Funcs(template.FuncMap{"list": func(v ...any) []any { return v }}).Parse(`
<header class="top">
<h1>{{.Title}}</h1>
<p><strong>{{.Who}}</strong></p>
<p class="muted">{{.Status}}</p>
<p class="note">{{.Priv}}</p>
</header>
<main>
<div class="bonus"><span>{{call .T "stmt.your_bonus"}}</span><strong id="allocation">{{.Amount}}</strong><span class="muted">{{.Rank}}</span></div>
<div class="cols">
<section><h2>{{call .T "stmt.figures"}}</h2><table>{{range .Figures}}<tr><td>{{.K}}</td><td class="num">{{.V}}</td></tr>{{end}}</table></section>
<section><h2>{{call .T "stmt.plan"}}</h2><table>{{range .Plan}}<tr><td>{{.K}}</td><td class="num">{{.V}}</td></tr>{{end}}</table></section>
<section><h2>{{call .T "stmt.company"}}</h2><table>{{range .Company}}<tr><td>{{.K}}</td><td class="num">{{.V}}</td></tr>{{end}}</table><p class="note">{{.PoolNote}}</p></section>
</div>
<section id="steps"><h2>{{call .T "stmt.steps"}}</h2>
<table><thead><tr><th>{{call .T "stmt.col.step"}}</th><th>{{call .T "stmt.col.calc"}}</th><th class="num">{{call .T "stmt.col.result"}}</th></tr></thead><tbody>
{{range .Steps}}<tr{{if eq .Key "allocation"}} class="total"{{end}} data-step="{{.Key}}"><td>{{.Label}}</td><td class="calc">{{.Calc}}</td><td class="num">{{.Shown}}</td></tr>
{{end}}</tbody></table></section>
{{template "list" (list (call .T "stmt.deals") .DealHead .Deals .None)}}
{{template "list" (list (call .T "stmt.new") .NewHead .New .None)}}
{{template "list" (list (call .T "stmt.responses") .RspHead .Responses .None)}}
{{if .Adjustments}}{{template "list" (list (call .T "stmt.adjustments") .AdjHead .Adjustments .None)}}<p class="note">{{call .T "stmt.adjustments_note"}}</p>{{end}}
</main>
{{define "list"}}{{$l := .}}<section><h2>{{index $l 0}}</h2>{{if index $l 2}}<table><thead><tr>{{range index $l 1}}<th>{{.}}</th>{{end}}</tr></thead><tbody>
{{range index $l 2}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody></table>{{else}}<p class="muted">{{index $l 3}}</p>{{end}}</section>{{end}}
`))

// statementView formats s for the page (and, its lists, for the sheet).
func newStatementView(lb *book, s Statement) statementView {
	b, r := s.Month, s.Row
	t := lb.t
	cash := func(c money.Cents) string { return lb.amount(c.String(), 2) }
	v := statementView{T: t, Title: fmt.Sprintf(t("stmt.title"), b.Period),
		Who:    fmt.Sprintf(t("st.title"), r.RepName, r.RepID, r.Team),
		Status: t("stmt.open"), Priv: fmt.Sprintf(t("stmt.private"), r.RepName),
		Amount: cash(r.Allocation), None: t("st.none"), PoolNote: t("stmt.pool_note")}
	if b.Closed {
		v.Status = fmt.Sprintf(t("stmt.closed_nobody"), b.ClosedAt)
		if b.Close != nil && b.Close.ClosedBy != "" {
			v.Status = fmt.Sprintf(t("stmt.closed"), b.ClosedAt, b.Close.ClosedBy)
		}
		// The second signature is what makes the figures payable where the
		// plan requires it: the rep's page names it as the workbook does.
		if b.Close != nil && b.Close.ApprovedBy != "" {
			v.Status += fmt.Sprintf(t("stmt.approved"), b.Close.ApprovedAt, b.Close.ApprovedBy)
		}
	}
	if r.Eligible {
		v.Rank = fmt.Sprintf(t("stmt.rank"), int(r.Rank), s.Eligible)
	} else {
		v.Rank = fmt.Sprintf(t("stmt.not_eligible"), lb.reason(r.ExcludedReason))
	}
	v.Figures = []kv{{t("stmt.f.gross"), cash(r.GrossSales)}, {t("stmt.f.cancel"), cash(r.Cancellations)},
		{t("stmt.f.net"), cash(r.NetSales)}, {t("stmt.f.won"), strconv.FormatInt(r.WonDeals, 10)},
		{t("stmt.f.new"), strconv.FormatInt(r.NewCustomers, 10)}, {t("stmt.f.responses"), strconv.FormatInt(r.Responses, 10)},
		{t("stmt.f.satisfied"), strconv.FormatInt(r.Satisfied, 10)}, {t("stmt.f.csat"), pct(r.CSAT)}}
	p := b.Plan
	maxShare := t("plan.no_cap")
	if !p.MaxShare.Null() {
		maxShare = pct(p.MaxShare)
	}
	v.Plan = []kv{{t("plan.pool_rate"), pct(p.PoolRate)},
		{t("plan.weight_sales"), dec(p.Weights[bonus.CompSales], 4)}, {t("plan.weight_new"), dec(p.Weights[bonus.CompNewCustomers], 4)},
		{t("plan.weight_sat"), dec(p.Weights[bonus.CompSatisfaction], 4)}, {t("plan.min_responses"), strconv.FormatInt(p.MinResponses, 10)},
		{t("plan.floor"), pct(p.SatisfactionFloor)}, {t("plan.gate"), dec(p.GateMultiplier, 2)}, {t("plan.max_share"), maxShare}}
	v.Company = []kv{{t("stmt.company_net"), cash(b.NetSales)}, {t("stmt.pool"), cash(b.Pool)}}
	if b.CapEnabled {
		v.Company = append(v.Company, kv{t("stmt.cap"), cash(b.Cap)})
	}
	v.Steps = statementSteps(lb, s)
	v.DealHead = []string{t("col.date"), t("col.deal_id"), t("col.company"), t("col.event"), t("col.amount")}
	for _, l := range s.Deals {
		v.Deals = append(v.Deals, []string{l.Date, l.DealID, companyLabel(l.Company, l.CustomerID), t("event." + l.Event), lb.amount(l.Amount, 2)})
	}
	v.NewHead = []string{t("col.date"), t("col.customer_id"), t("col.company"), t("col.first_win_deal")}
	for _, l := range s.New {
		v.New = append(v.New, []string{l.Date, l.CustomerID, l.Company, l.DealID})
	}
	v.RspHead = []string{t("col.date"), t("col.survey_id"), t("col.company"), t("col.survey_score"), t("col.satisfied_flag")}
	for _, l := range s.Responses {
		v.Responses = append(v.Responses, []string{l.Date, l.SurveyID, companyLabel(l.Company, l.CustomerID), strconv.FormatInt(l.Score, 10), lb.satisfiedWord(l.Satisfied)})
	}
	v.AdjHead = []string{t("col.closed_period"), t("col.frozen"), t("col.current"), t("col.difference")}
	for _, a := range b.Adjustments {
		v.Adjustments = append(v.Adjustments, []string{a.ClosedPeriod, cash(a.Frozen), cash(a.Current), cash(a.Difference())})
	}
	return v
}

// renderStatementHTML writes the statement as a self-contained page.
func renderStatementHTML(w io.Writer, lb *book, v statementView, opt WorkbookOptions) error {
	var body bytes.Buffer
	if err := statementTmpl.Execute(&body, v); err != nil {
		return fmt.Errorf("rendering the statement: %w", err)
	}
	if lb.err != nil {
		return lb.err
	}
	page := Page{Lang: lb.lang.String(), Title: v.Title + " · " + v.Who, Content: template.HTML(body.String()),
		ExtraCSS: template.CSS(statementCSS), Build: opt.Build, Bare: true}
	return page.Render(w)
}

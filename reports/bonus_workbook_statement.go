package reports

import (
	"fmt"
	"github.com/salesops/salesops/bonus"
	"math/big"
	"strings"

	"github.com/salesops/salesops/money"
)

// statementSheet explains every eligible rep's bonus in words, from their
// own deals and responses to their allocation. Every figure is formatted
// from the exact values of the bonus, never recomputed in floating point.
func (wb *book) statementSheet(b bonus.Month, d shownDetail) {
	s := wb.sheet("statements")
	lay := newAllocLayout(b)
	totals := [3]*big.Rat{new(big.Rat), new(big.Rat), new(big.Rat)}
	for _, r := range lay.eligible {
		for k, x := range [3]bonus.Rate{r.XSales, r.XNewCustomers, r.XSatisfaction} {
			totals[k].Add(totals[k], x.OrZero())
		}
	}
	row := 1
	wb.str(s, 1, row, fmt.Sprintf(wb.t("st.heading"), b.Period), wb.st.title)
	row += 2
	line := func(text string, style int) {
		wb.str(s, 1, row, text, style)
		row++
	}
	more := func(n int) {
		if n > statementDealLines {
			line("  "+fmt.Sprintf(wb.t("st.more"), n-statementDealLines), 0)
		}
	}
	for _, r := range lay.eligible {
		line(fmt.Sprintf(wb.t("st.title"), r.RepName, r.RepID, r.Team), wb.st.header)
		for _, text := range wb.statementLines(b, r, totals, len(lay.eligible)) {
			line(text, wb.st.wrap)
		}
		line(wb.t("st.deals"), wb.st.bold)
		deals := d.repDeals.of(r.RepID)
		for _, l := range deals.first {
			line(fmt.Sprintf("  %s · %s · %s %s · %s", wb.t("event."+l.Event), l.Date, l.DealID, companyLabel(l.Company, l.CustomerID),
				wb.amount(l.Amount, 2)), 0)
		}
		more(deals.n)
		if deals.n == 0 {
			line("  "+wb.t("st.none"), 0)
		}
		line(wb.t("st.responses"), wb.st.bold)
		responses := d.repResponses.of(r.RepID)
		for _, l := range responses.first {
			line(fmt.Sprintf("  %s · %s · %s · %s %d · %s", l.Date, l.SurveyID, companyLabel(l.Company, l.CustomerID),
				wb.t("col.survey_score"), l.Score, wb.satisfiedWord(l.Satisfied)), 0)
		}
		more(responses.n)
		if responses.n == 0 {
			line("  "+wb.t("st.none"), 0)
		}
		row++
	}
	if len(lay.eligible) == 0 {
		line(wb.t("alloc.none"), 0)
	}
	wb.layout(s, 0, 120)
}

// repLines are one rep's lines of a detail sheet: how many, and the
// first statementDealLines of them.
type repLines[T any] struct {
	n     int
	first []T
}

// byRep groups lines by rep as they pass, in their order, keeping only
// what the statements sheet lists: a copy of every deal line, to list at
// most 200 a rep, was a third of Go's live heap when the L workbook was
// written.
type byRep[T repLine] map[string]*repLines[T]

func (m byRep[T]) add(l T) {
	g := m[l.rep()]
	if g == nil {
		g = &repLines[T]{}
		m[l.rep()] = g
	}
	if g.n < statementDealLines {
		g.first = append(g.first, l)
	}
	g.n++
}

// of is rep's lines, none when the rep has none.
func (m byRep[T]) of(rep string) repLines[T] {
	if g := m[rep]; g != nil {
		return *g
	}
	return repLines[T]{}
}

// statementLines is the derivation of one rep's allocation, sentence by sentence.
func (wb *book) statementLines(b bonus.Month, r bonus.Row, totals [3]*big.Rat, n int) []string {
	t := wb.t
	money2 := func(c money.Cents) string { return wb.amount(c.String(), 2) }
	out := []string{fmt.Sprintf(t("st.sales"), b.Period, r.WonDeals, money2(r.GrossSales), money2(r.Cancellations), money2(r.NetSales))}
	if r.Clawback != nil {
		out = append(out, fmt.Sprintf(t("st.clawback"), money2(r.Clawback.BroughtForward), money2(r.Clawback.CarriedForward)))
	}
	switch {
	case !b.Active[0]:
		out = append(out, t("st.sales_dropped"))
	case r.NetSales < 0:
		out = append(out, fmt.Sprintf(t("st.sales_negative"), wb.amount(bonus.RateString(totals[0]), 2)))
	default:
		out = append(out, fmt.Sprintf(t("st.sales_share"), wb.amount(r.XSales.String(), 2), pct(r.ShareSales), wb.amount(bonus.RateString(totals[0]), 2)))
	}
	if b.Active[1] {
		out = append(out, fmt.Sprintf(t("st.new"), r.NewCustomers, pct(r.ShareNew), bonus.RateString(totals[1])))
	} else {
		out = append(out, fmt.Sprintf(t("st.new_dropped"), r.NewCustomers))
	}
	minResp := b.Plan.MinResponses
	switch {
	case r.Responses == 0:
		out = append(out, t("st.sat_none"))
	case r.Responses < minResp:
		out = append(out, fmt.Sprintf(t("st.sat_few"), r.Responses, r.Satisfied, pct(r.CSAT), minResp))
	case b.Active[2]:
		out = append(out, fmt.Sprintf(t("st.sat"), r.Responses, r.Satisfied, pct(r.CSAT), minResp, pct(r.ShareSat)))
	default:
		out = append(out, fmt.Sprintf(t("st.sat_dropped"), r.Responses, r.Satisfied, pct(r.CSAT)))
	}
	var parts []string
	for k, share := range [3]bonus.Rate{r.ShareSales, r.ShareNew, r.ShareSat} {
		if b.Active[k] {
			parts = append(parts, dec(b.Weights[k], 4)+" × "+dec(share, 4))
		}
	}
	if len(parts) == 0 {
		parts = []string{"0"}
	}
	out = append(out, fmt.Sprintf(t("st.score"), strings.Join(parts, " + "), dec(r.Score, 4)))
	if r.Multiplier.OrZero().Cmp(big.NewRat(1, 1)) != 0 {
		out = append(out, fmt.Sprintf(t("st.gated"), pct(r.CSAT), pct(b.Plan.SatisfactionFloor), minResp, dec(r.Multiplier, 4), dec(r.Adjusted, 4)))
	} else {
		out = append(out, fmt.Sprintf(t("st.not_gated"), dec(r.Adjusted, 4)))
	}
	raw := wb.amount(r.Raw.OrZero().FloatString(12), 6)
	switch {
	case r.Capped:
		out = append(out, fmt.Sprintf(t("st.capped"), money2(b.Cap), pct(b.Plan.MaxShare), money2(b.Pool)))
	case b.CapEnabled:
		out = append(out, fmt.Sprintf(t("st.raw_cap"), money2(b.Pool), raw, money2(b.Cap)))
	default:
		out = append(out, fmt.Sprintf(t("st.raw_nocap"), money2(b.Pool), raw))
	}
	cents := fmt.Sprintf(t("st.floor"), money2(r.Floor))
	if r.ExtraCent {
		cents += t("st.extra_cent")
	}
	out = append(out, cents)
	out = append(out, fmt.Sprintf(t("st.allocation"), money2(r.Allocation), r.Rank, n))
	return out
}

func companyLabel(company, id string) string {
	if company == "" {
		return id
	}
	return company + " (" + id + ")"
}

// pct renders an exact fraction as a percentage with two decimals.
func pct(frac bonus.Rate) string {
	if frac.Null() {
		return "—"
	}
	return money.FormatRat(new(big.Rat).Mul(frac.Rat(), big.NewRat(100, 1)), 2) + "%"
}

func dec(r bonus.Rate, places int) string { return money.FormatRat(r.OrZero(), places) }

// amount renders exact decimal text as money with thousands separators and
// the currency sign, rounded half-up to places.
func (wb *book) amount(text string, places int) string {
	if text == "" {
		return "—"
	}
	r, err := bonus.ParseRate(text)
	if err != nil {
		if wb.err == nil {
			wb.err = fmt.Errorf("writing an amount of the workbook: %w", err)
		}
		return text
	}
	s := money.FormatRat(r.OrZero(), places)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var g []string
	for len(intPart) > 3 {
		g = append([]string{intPart[len(intPart)-3:]}, g...)
		intPart = intPart[:len(intPart)-3]
	}
	g = append([]string{intPart}, g...)
	out := strings.Join(g, ",")
	if frac != "" {
		out += "." + frac
	}
	if wb.cur == "CNY" || wb.cur == "" {
		return sign + "¥" + out
	}
	return sign + out + " " + wb.cur
}

package reports

import (
	"math/big"
	"strings"
	"time"

	"github.com/salesops/salesops/i18n"
)

// kpiDef is one KPI as the dashboard's cards show it: where its value
// comes from, how it reads, and its polarity, declared here once.
type kpiDef struct {
	key         string // label key; the card's data-kpi is the key without "m."
	pol         polarity
	value       func(r *KPIRow) *big.Rat
	format      func(r *big.Rat) string
	provisional func(r *KPIRow) bool // nil: never provisional
}

// kpiDefs are the KPI-row figures of the dashboard, by label key.
func kpiDefs(currency string, tenPoint bool) map[string]kpiDef {
	cents := func(f func(r *KPIRow) int64) func(r *KPIRow) *big.Rat {
		return func(r *KPIRow) *big.Rat { return big.NewRat(f(r), 100) }
	}
	count := func(f func(r *KPIRow) int64) func(r *KPIRow) *big.Rat {
		return func(r *KPIRow) *big.Rat { return big.NewRat(f(r), 1) }
	}
	fmtMoney := func(r *big.Rat) string { return FormatMoneyRat(r, currency) }
	dec := func(places int) func(r *big.Rat) string {
		return func(r *big.Rat) string { return FormatDecimal(r, places) }
	}
	defs := []kpiDef{
		{"m.net_sales", higherBetter, cents(func(r *KPIRow) int64 { return int64(r.NetSales) }), fmtMoney, nil},
		{"m.gross_sales", higherBetter, cents(func(r *KPIRow) int64 { return int64(r.GrossSales) }), fmtMoney, nil},
		{"m.cancellations", lowerBetter, cents(func(r *KPIRow) int64 { return int64(r.Cancellations) }), fmtMoney, nil},
		{"m.win_rate", higherBetter, func(r *KPIRow) *big.Rat { return r.WinRate }, FormatPercent, nil},
		{"m.new_customers", higherBetter, count(func(r *KPIRow) int64 { return r.NewCustomers }), dec(0), nil},
		{"m.efficiency", higherBetter, func(r *KPIRow) *big.Rat { return r.Efficiency }, fmtMoney, nil},
		{"m.followups_per_won_deal", neutralKPI, func(r *KPIRow) *big.Rat { return r.FollowupsPerWonDeal }, dec(1), nil},
		{"m.avg_cycle_days", lowerBetter, func(r *KPIRow) *big.Rat { return r.AvgCycleDays }, dec(1), nil},
		{"m.lead_conversion", higherBetter, func(r *KPIRow) *big.Rat { return r.LeadConversion }, FormatPercent,
			func(r *KPIRow) bool { return r.ConversionProvisional }},
		{"m.csat", higherBetter, func(r *KPIRow) *big.Rat { return r.CSAT }, FormatPercent, nil},
		{"m.avg_score", higherBetter, func(r *KPIRow) *big.Rat { return r.AvgScore }, dec(2), nil},
	}
	if tenPoint {
		defs = append(defs, kpiDef{"m.nps", higherBetter, func(r *KPIRow) *big.Rat { return r.NPS }, dec(1), nil})
	}
	out := make(map[string]kpiDef, len(defs))
	for _, k := range defs {
		out[k.key] = k
	}
	return out
}

// The pool follows sales, so more is neither good nor bad; the audit
// score is 100 with no finding.
var (
	bonusPoolKPI  = kpiDef{key: "m.bonus_pool", pol: neutralKPI}
	auditScoreKPI = kpiDef{key: "m.audit_score", pol: higherBetter, format: func(r *big.Rat) string { return FormatDecimal(r, 1) }}
)

// headlineKeys are what leadership decides on, in the top row; the
// others follow below it (the audit score and the pool are added apart).
var (
	headlineKeys = []string{"m.net_sales", "m.new_customers", "m.csat", "m.win_rate", "m.efficiency"}
	moreKeys     = []string{"m.gross_sales", "m.cancellations", "m.followups_per_won_deal", "m.avg_cycle_days",
		"m.lead_conversion", "m.avg_score", "m.nps"}
)

// makeCard compares cur with the previous and the year-ago figure: the
// arrow says which way it moved since the previous one, the tone whether
// that is good by k's polarity (neutral while provisional).
func makeCard(lang i18n.Lang, k kpiDef, cur, prev, ago *big.Rat, provisional bool) dashCard {
	d := moveOf(cur, prev)
	c := dashCard{Key: strings.TrimPrefix(k.key, "m."), Label: lang.T(k.key),
		Value: k.format(cur), Prev: k.format(prev), YearAgo: k.format(ago),
		VsPrev: pctChange(cur, prev), VsYear: pctChange(cur, ago), Arrow: d.arrow(), Dir: d.String(),
		Tone: tone(d, k.pol, provisional), PrevLabel: lang.T("prev"), YearLabel: lang.T("yearago")}
	if provisional {
		c.Badge = lang.T("provisional")
	}
	return c
}

// headlineCards are the top row and the cards below it, company-wide.
func headlineCards(d *dashData, lang i18n.Lang, opt DashboardOptions) (top, more []dashCard) {
	cur, prev, ago, base := companyRow(d.Cur), companyRow(d.Prev), companyRow(d.YearAgo), companyRow(d.Base)
	defs := kpiDefs(opt.BaseCurrency, d.TenPoint)
	rowCard := func(key string) (dashCard, bool) {
		k, ok := defs[key]
		if !ok {
			return dashCard{}, false
		}
		get := func(r *KPIRow) *big.Rat {
			if r == nil {
				return nil
			}
			return k.value(r)
		}
		prov := k.provisional != nil && cur != nil && k.provisional(cur)
		return makeCard(lang, k, get(cur), get(prev), get(ago), prov), true
	}
	for _, key := range headlineKeys {
		c, _ := rowCard(key)
		if t := cardTarget(key, base, opt); t != "" {
			c.Target = lang.T("target") + " " + t
		}
		top = append(top, c)
		if key == "m.net_sales" {
			top = append(top, poolCard(d, lang, opt))
		}
	}
	top = append(top, auditCard(d, lang))
	for _, key := range moreKeys {
		if c, ok := rowCard(key); ok {
			more = append(more, c)
		}
	}
	if cov, ok := d.Coverage["company/company"]; ok {
		more = append(more, dashCard{Key: "coverage", Label: lang.T("m.coverage"), Value: FormatPercent(ratio(cov.Covered, cov.Active)),
			Tone: "neutral", Note: FormatCount(cov.Covered) + " / " + FormatCount(cov.Active) + " · " + d.CoverageAsOf.Format(time.DateOnly)})
	}
	return top, more
}

// cardTarget is the month's target of a KPI that has one: the baseline
// lifted by its configured lift (win rate, efficiency), else "".
func cardTarget(key string, base *KPIRow, opt DashboardOptions) string {
	if base == nil {
		return ""
	}
	lifted := func(b, lift *big.Rat) *big.Rat {
		if b == nil || lift == nil {
			return nil
		}
		return new(big.Rat).Mul(b, new(big.Rat).Add(big.NewRat(1, 1), lift))
	}
	switch key {
	case "m.win_rate":
		if t := lifted(base.WinRate, opt.Targets.WinRateLift); t != nil {
			return FormatPercent(t)
		}
	case "m.efficiency":
		if t := lifted(base.Efficiency, opt.Targets.EfficiencyLift); t != nil {
			return FormatMoneyRat(t, opt.BaseCurrency)
		}
	}
	return ""
}

func poolCard(d *dashData, lang i18n.Lang, opt DashboardOptions) dashCard {
	k := bonusPoolKPI
	k.format = func(r *big.Rat) string { return FormatMoneyRat(r, opt.BaseCurrency) }
	var cur, prev, ago *big.Rat
	if d.Bonus != nil {
		cur = d.Bonus.Pool.Rat()
	}
	if d.PrevPool != nil {
		prev = d.PrevPool.Rat()
	}
	if d.YearAgoPool != nil {
		ago = d.YearAgoPool.Rat()
	}
	c := makeCard(lang, k, cur, prev, ago, false)
	c.Badge = lang.T("bonus.open")
	if opt.Status.Closed {
		c.Badge = lang.T("bonus.closed")
	}
	return c
}

// auditCard compares quarters, not months: the audit is quarterly.
func auditCard(d *dashData, lang i18n.Lang) dashCard {
	if d.Audit == nil {
		return dashCard{Key: "audit_score", Label: lang.T("m.audit_score"), Value: "—", Tone: "neutral",
			Note: lang.T("audit.none")}
	}
	a := d.Audit
	c := makeCard(lang, auditScoreKPI, a.Score, a.Prev, a.YearAgo, false)
	c.Label += " · " + a.Quarter
	c.PrevLabel, c.YearLabel = lang.T("prevq"), lang.T("yearagoq")
	return c
}

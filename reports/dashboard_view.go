package reports

import (
	"math/big"
	"sort"
	"strconv"
	"time"

	"github.com/salesops/salesops/i18n"
)

// liftCards show the month's company lifts against the baseline and
// their targets, decided exactly.
func liftCards(d *dashData, lang i18n.Lang, opt DashboardOptions) []dashCard {
	cur, base := companyRow(d.Cur), companyRow(d.Base)
	if base == nil {
		return []dashCard{{Label: lang.T("lift.none"), Value: "—", Tone: "neutral"}}
	}
	mk := func(key string, c, b *big.Rat, target *big.Rat, format func(*big.Rat) string) dashCard {
		lift := Lift(c, b)
		card := dashCard{Label: lang.T(key), Value: FormatSignedPercent(lift),
			Prev: format(b), YearAgo: FormatSignedPercent(target), Note: lang.T("lift.note"), Tone: "neutral"}
		if lift != nil && target != nil {
			if lift.Cmp(target) >= 0 {
				card.Tone, card.Badge = "good", lang.T("target.met")
			} else {
				card.Tone, card.Badge = "bad", lang.T("target.missed")
			}
		}
		return card
	}
	var ce, be, cw, bw *big.Rat
	if cur != nil {
		ce, cw = cur.Efficiency, cur.WinRate
	}
	be, bw = base.Efficiency, base.WinRate
	return []dashCard{
		mk("lift.efficiency", ce, be, opt.Targets.EfficiencyLift, func(r *big.Rat) string { return FormatMoneyRat(r, opt.BaseCurrency) }),
		mk("lift.win_rate", cw, bw, opt.Targets.WinRateLift, FormatPercent),
	}
}

// leaders ranks the reps of the month by net sales (then gross sales, then
// id), the order the scorecards use too.
func leaders(d *dashData, lang i18n.Lang, currency string) []leaderRow {
	reps := rankedReps(d.Cur)
	out := make([]leaderRow, 0, len(reps))
	for i, r := range reps {
		cov := d.Coverage["rep/"+r.Key]
		team := r.Team
		if team == "" {
			team = "—"
		}
		out = append(out, leaderRow{Rank: i + 1, Name: r.Name, Team: team, Net: FormatMoney(r.NetSales, currency),
			Won: FormatCount(r.WonDeals) + " / " + FormatCount(r.LostDeals), WinRate: FormatPercent(r.WinRate),
			New: FormatCount(r.NewCustomers), Followups: FormatCount(r.Followups), Eff: FormatMoneyRat(r.Efficiency, currency),
			Conv: FormatPercent(r.LeadConversion), CSAT: FormatPercent(r.CSAT), Coverage: FormatPercent(ratio(cov.Covered, cov.Active)),
			Provisional: r.ConversionProvisional && r.Leads > 0})
	}
	return out
}

// rankedReps are the rep rows by net sales, gross sales, then id.
func rankedReps(rows []KPIRow) []KPIRow {
	var reps []KPIRow
	for _, r := range rows {
		if r.Level == "rep" {
			reps = append(reps, r)
		}
	}
	sort.SliceStable(reps, func(i, j int) bool {
		a, b := reps[i], reps[j]
		if a.NetSales != b.NetSales {
			return a.NetSales > b.NetSales
		}
		if a.GrossSales != b.GrossSales {
			return a.GrossSales > b.GrossSales
		}
		return a.Key < b.Key
	})
	return reps
}

func funnelRows(d *dashData, lang i18n.Lang) []funnelRow {
	var out []funnelRow
	for _, s := range d.Funnel {
		r := funnelRow{Stage: lang.T("funnel." + s.Stage), Customers: FormatCount(s.Customers), Next: "—", Conversion: "—"}
		if s.Next != "" {
			r.Next = lang.T("funnel." + s.Next)
			r.Conversion = FormatPercent(ratio(s.ToNext, s.Customers))
		}
		out = append(out, r)
	}
	return out
}

func riskRows(d *dashData, lang i18n.Lang) ([]riskRow, string) {
	var out []riskRow
	for _, c := range d.AtRisk {
		r := riskRow{Customer: c.Name, Rep: c.RepName, Last: lang.T("never"), Days: "—"}
		if c.LastFollowup.Valid {
			r.Last = c.LastFollowup.Time.Format(time.DateOnly)
		}
		if c.DaysSince.Valid {
			r.Days = strconv.FormatInt(c.DaysSince.Int64, 10)
		}
		out = append(out, r)
	}
	note := FormatCount(d.AtRiskTotal) + " " + lang.T("risk.total")
	if d.AtRiskTotal > int64(len(out)) {
		note += " · " + lang.T("risk.shown") + " " + strconv.Itoa(len(out))
	}
	return out, note
}

func bonusRows(d *dashData, currency string) *bonusView {
	if d.Bonus == nil {
		return nil
	}
	b := &bonusView{Pool: FormatMoney(d.Bonus.Pool, currency), Allocated: FormatMoney(d.Bonus.Allocated, currency),
		Unallocated: FormatMoney(d.Bonus.Unallocated, currency)}
	for _, a := range d.Bonus.Allocations {
		var share *big.Rat
		if d.Bonus.Pool != 0 {
			share = new(big.Rat).Quo(a.Amount.Rat(), d.Bonus.Pool.Rat())
		}
		b.Rows = append(b.Rows, struct{ Name, Amount, Share string }{a.Name, FormatMoney(a.Amount, currency), FormatPercent(share)})
	}
	return b
}

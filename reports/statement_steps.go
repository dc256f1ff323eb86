package reports

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/money"
)

// statementStep is one line of "how your amount was computed": what is
// computed, the calculation with the rep's own figures, and the result.
// Value is the exact result as decimal text for the workbook's number
// cell ("" when the step has no number, such as a component that dropped
// out); Shown is the result as the page prints it.
type statementStep struct {
	Key         string // stable id, for the workbook's formulas and tests
	Label, Calc string
	Value       string
	Shown       string
	Style       string // "money", "rate" or "" (text)
}

// statementSteps derives the rep's allocation step by step, in the order
// of docs/bonus.md, from the figures the month recorded. Every number is
// formatted from exact values; nothing is recomputed in floating point.
func statementSteps(lb *book, s Statement) []statementStep {
	b, r := s.Month, s.Row
	t := lb.t
	cash := func(c money.Cents) string { return lb.amount(c.String(), 2) }
	six := func(x *big.Rat) string { return money.FormatRat(x, 6) }
	steps := []statementStep{{Key: "net", Label: t("stmt.step.net"),
		Calc:  fmt.Sprintf("%s − %s", cash(r.GrossSales), cash(r.Cancellations)),
		Value: r.NetSales.String(), Shown: cash(r.NetSales), Style: "money"}}
	if r.Clawback != nil {
		// The balance recovered from earlier negative months: it is why the
		// sales counted below are less than the net sales above.
		steps = append(steps, statementStep{Key: "clawback", Label: t("stmt.step.clawback"),
			Calc:  fmt.Sprintf(t("st.clawback"), cash(r.Clawback.BroughtForward), cash(r.Clawback.CarriedForward)),
			Value: r.Clawback.CarriedForward.String(), Shown: cash(r.Clawback.CarriedForward), Style: "money"})
	}
	if !r.Eligible {
		return append(steps, statementStep{Key: "allocation", Label: t("stmt.step.allocation"),
			Calc: fmt.Sprintf(t("stmt.not_eligible"), lb.reason(r.ExcludedReason)), Value: r.Allocation.String(), Shown: cash(r.Allocation), Style: "money"})
	}
	shares := [3]bonus.Rate{r.ShareSales, r.ShareNew, r.ShareSat}
	xs := [3]bonus.Rate{r.XSales, r.XNewCustomers, r.XSatisfaction}
	for k, key := range []string{"sales", "new", "sat"} {
		st := statementStep{Key: "share_" + key, Label: t("stmt.step.share_" + key), Style: "rate"}
		x := xs[k].OrZero()
		xText := strconv.FormatInt(r.NewCustomers, 10)
		total := s.XTotals[k].RatString()
		switch k {
		case bonus.CompSales:
			xText, total = cash(money.RoundHalfUpRat(x)), lb.amount(bonus.RateString(s.XTotals[k]), 2)
			if r.NetSales < 0 {
				xText = fmt.Sprintf(t("stmt.negative_zero"), cash(r.NetSales))
			}
		case bonus.CompSatisfaction:
			xText, total = fmt.Sprintf("%d/%d = %s", r.Satisfied, r.Responses, six(x)), six(s.XTotals[k])
			if r.Responses < b.Plan.MinResponses {
				xText = fmt.Sprintf(t("stmt.few_responses"), r.Responses, b.Plan.MinResponses)
			}
		}
		if b.Active[k] {
			st.Calc = fmt.Sprintf(t("stmt.share_calc"), xText, total)
			st.Value, st.Shown = shares[k].String(), six(shares[k].OrZero())
		} else {
			st.Calc, st.Shown = t("stmt.dropped"), "—"
		}
		steps = append(steps, st)
	}
	var parts []string
	for k, share := range shares {
		if b.Active[k] {
			parts = append(parts, dec(b.Weights[k], 4)+" × "+six(share.OrZero()))
		}
	}
	if len(parts) == 0 {
		parts = []string{"0"}
	}
	steps = append(steps, statementStep{Key: "score", Label: t("stmt.step.score"), Calc: strings.Join(parts, " + "),
		Value: r.Score.String(), Shown: six(r.Score.OrZero()), Style: "rate"})
	gate := fmt.Sprintf(t("stmt.gate_no"), b.Plan.MinResponses, pct(b.Plan.SatisfactionFloor))
	if r.Multiplier.OrZero().Cmp(big.NewRat(1, 1)) != 0 {
		gate = fmt.Sprintf(t("stmt.gate_yes"), pct(r.CSAT), pct(b.Plan.SatisfactionFloor))
	}
	steps = append(steps,
		statementStep{Key: "multiplier", Label: t("stmt.step.multiplier"), Calc: gate, Value: r.Multiplier.String(), Shown: dec(r.Multiplier, 2), Style: "rate"},
		statementStep{Key: "adjusted", Label: t("stmt.step.adjusted"), Calc: six(r.Score.OrZero()) + " × " + dec(r.Multiplier, 2),
			Value: r.Adjusted.String(), Shown: six(r.Adjusted.OrZero()), Style: "rate"})
	raw := statementStep{Key: "raw", Label: t("stmt.step.raw"), Value: r.Raw.String(), Shown: lb.amount(r.Raw.String(), 6), Style: "money"}
	switch {
	case r.Capped:
		raw.Calc = fmt.Sprintf(t("stmt.raw_capped"), pct(b.Plan.MaxShare), cash(b.Pool), cash(b.Cap))
	case s.Uncapped.Sign() == 0:
		raw.Calc = t("stmt.raw_zero")
	default:
		raw.Calc = fmt.Sprintf(t("stmt.raw_calc"), cash(s.Shareable), six(r.Adjusted.OrZero()), six(s.Uncapped))
		if s.Shareable != b.Pool {
			raw.Calc += fmt.Sprintf(t("stmt.raw_after_caps"), cash(b.Pool), cash(b.Cap))
		} else if b.CapEnabled {
			raw.Calc += fmt.Sprintf(t("stmt.raw_below_cap"), cash(b.Cap))
		}
	}
	extra, extraShown := "0.00", t("stmt.extra_none")
	if r.ExtraCent {
		extra, extraShown = "0.01", t("stmt.extra_yes")
	}
	return append(steps, raw,
		statementStep{Key: "floor", Label: t("stmt.step.floor"), Calc: t("stmt.floor_calc"), Value: r.Floor.String(), Shown: cash(r.Floor), Style: "money"},
		statementStep{Key: "extra", Label: t("stmt.step.extra"), Calc: extraShown, Value: extra, Shown: "+" + lb.amount(extra, 2), Style: "money"},
		statementStep{Key: "allocation", Label: t("stmt.step.allocation"), Calc: cash(r.Floor) + " + " + lb.amount(extra, 2),
			Value: r.Allocation.String(), Shown: cash(r.Allocation), Style: "money"})
}

package bonus

import (
	"math/big"
)

// score fills X, Share, Score, Multiplier and Adjusted of the eligible rows
// (rows[i] belongs to in[i]) and returns which components stayed active with
// their renormalised weights.
func score(plan Plan, in []RepInput, rows []RepResult) ([3]bool, [3]*big.Rat) {
	var totals [3]*big.Rat
	for k := range totals {
		totals[k] = new(big.Rat)
	}
	for i, r := range in {
		if !r.Eligible {
			continue
		}
		rows[i].X = componentValues(plan, r)
		for k, x := range rows[i].X {
			totals[k].Add(totals[k], x)
		}
	}

	// Dropping a component is decided on the eligible reps' sums only, so a
	// month where nobody eligible won a new customer does not hand that
	// component's weight to nobody.
	var active [3]bool
	weightSum := new(big.Rat)
	for k := range active {
		active[k] = plan.Weights[k].Sign() > 0 && totals[k].Sign() > 0
		if active[k] {
			weightSum.Add(weightSum, plan.Weights[k])
		}
	}
	var eff [3]*big.Rat
	for k := range eff {
		eff[k] = new(big.Rat)
		if active[k] {
			eff[k].Quo(plan.Weights[k], weightSum)
		}
	}

	for i, r := range in {
		if !r.Eligible {
			continue
		}
		row := &rows[i]
		row.Score = new(big.Rat)
		for k := range active {
			if !active[k] {
				continue
			}
			row.Share[k] = new(big.Rat).Quo(row.X[k], totals[k])
			row.Score.Add(row.Score, new(big.Rat).Mul(eff[k], row.Share[k]))
		}
		row.Multiplier = big.NewRat(1, 1)
		if gated(plan, r) {
			row.Multiplier.Set(plan.GateMultiplier)
		}
		row.Adjusted = new(big.Rat).Mul(row.Score, row.Multiplier)
	}
	return active, eff
}

// componentValues is x[i,k] of bonus.md for an eligible rep.
func componentValues(plan Plan, r RepInput) [3]*big.Rat {
	var x [3]*big.Rat
	x[CompSales] = new(big.Rat)
	if s := salesValue(plan, r); s > 0 {
		x[CompSales] = s.Rat()
	}
	x[CompNewCustomers] = new(big.Rat).SetInt64(r.NewCustomers)
	x[CompSatisfaction] = new(big.Rat)
	if r.Responses >= plan.MinResponses {
		x[CompSatisfaction] = big.NewRat(r.Satisfied, r.Responses)
	}
	return x
}

// gated applies the satisfaction gate. It looks only at the rep's own
// responses, so it holds even when the satisfaction component dropped out.
func gated(plan Plan, r RepInput) bool {
	if r.Responses < plan.MinResponses {
		return false
	}
	return big.NewRat(r.Satisfied, r.Responses).Cmp(plan.SatisfactionFloor) < 0
}

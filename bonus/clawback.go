package bonus

import (
	"sort"

	"github.com/salesops/salesops/money"
)

// Clawback recovery (bonus.recover_clawbacks, docs/bonus.md): a rep whose
// net sales in a month are negative carries the shortfall forward, and
// it is taken off the rep's sales component in later months until
// recovered, as incentive-compensation tools recover a clawback from
// later earnings. The balance moves only in months the rep is eligible,
// when there is a sales component to take it from; it is computed from
// all data at each run, like every figure, and a close freezes it with
// the month.

// Clawback is a rep's clawback balance in a month; a Row has one only
// under a plan that recovers clawbacks.
type Clawback struct {
	BroughtForward money.Cents `json:"brought_forward"` // owed from earlier months, taken off this month's sales
	CarriedForward money.Cents `json:"carried_forward"` // still owed after this month
}

// salesValue is the rep's sales before the floor at 0: net sales, less
// the balance brought forward when the plan recovers clawbacks.
func salesValue(plan Plan, r RepInput) money.Cents {
	if !plan.RecoverClawbacks {
		return r.NetSales
	}
	return r.NetSales - r.Carried
}

// CarriedForward is what r still owes after its month: nothing without
// recovery; the balance unchanged in a month the rep is not eligible;
// otherwise the part of the balance and of a negative month its sales
// did not cover.
func CarriedForward(plan Plan, r RepInput) money.Cents {
	switch {
	case !plan.RecoverClawbacks:
		return 0
	case !r.Eligible:
		return r.Carried
	}
	return max(-salesValue(plan, r), 0)
}

// carryBalances sets each input's Carried from the months before it, in
// period order (YYYY-MM sorts as time does), when the plan recovers
// clawbacks. A rep missing from a month keeps their balance.
func carryBalances(plan Plan, inputs map[string][]RepInput) {
	if !plan.RecoverClawbacks {
		return
	}
	periods := make([]string, 0, len(inputs))
	for p := range inputs {
		periods = append(periods, p)
	}
	sort.Strings(periods)
	owed := map[string]money.Cents{}
	for _, p := range periods {
		for i := range inputs[p] {
			in := &inputs[p][i]
			in.Carried = owed[in.RepID]
			owed[in.RepID] = CarriedForward(plan, *in)
		}
	}
}

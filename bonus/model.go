package bonus

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/money"
)

// Model is a month computed under a changed plan beside the month as it
// stands: finance tunes next year's plan on this year's months. Nothing of
// it is stored.
type Model struct {
	Period string
	// Current is the month as it stands: its frozen record when closed,
	// otherwise what the last run computed.
	Current          Month
	CurrentPlan      PlanRecord
	ModelPlan        PlanRecord
	CurrentTotals    Totals
	ModelTotals      Totals
	Rows             []ModelRow // by rep id, as the month's rows
	ModelActive      [3]bool
	ModelWeights     ComponentRates // effective (renormalised) weights under the changed plan
	Notes            []string       // what the reader should know about the comparison
	InputsFromRecord bool           // a closed month is modelled on the inputs it froze
}

// Totals are a month's pool and how much of it a plan allocates.
type Totals struct {
	Pool, Allocated, Unallocated money.Cents
	Cap                          money.Cents
	CapEnabled                   bool
}

// ModelRow is one rep under both plans.
type ModelRow struct {
	RepID, RepName, Team string
	Eligible             bool
	Current, Modelled    money.Cents
	CurrentRank          Rank
	// The modelled derivation; null for an ineligible rep.
	ShareSales, ShareNew, ShareSat Rate
	Score, Multiplier              Rate
	Capped                         bool
	Rank                           Rank
}

// Difference is modelled − current.
func (r ModelRow) Difference() money.Cents { return r.Modelled - r.Current }

// ModelMonth computes period under changed beside the month as it stands:
// the frozen record of a closed month, otherwise the month as the last
// run stored it (Load, under current, the configured plan). It only reads
// db and s.
func ModelMonth(ctx context.Context, db *sql.DB, s Store, period string, current, changed Plan) (Model, error) {
	m, closed, err := Frozen(ctx, s, period)
	if err != nil {
		return Model{}, fmt.Errorf("modelling %s: %w", period, err)
	}
	if !closed {
		if m, err = Load(ctx, db, period, current); err != nil {
			return Model{}, fmt.Errorf("modelling %s: %w", period, err)
		}
	}
	mod, err := ModelOf(m, changed)
	if err != nil {
		return Model{}, fmt.Errorf("modelling %s: %w", period, err)
	}
	if !closed {
		// The stored month is labelled with the configured plan; when the
		// configuration changed since the last run, it is not that plan's.
		if again, err := ModelOf(m, current); err != nil || !sameAllocations(again) {
			mod.Notes = append(mod.Notes, fmt.Sprintf("the stored allocation of %s is not what the configured plan gives on its inputs "+
				"(the plan changed since the last run?): run salesops run monthly-bonus --period %s first", period, period))
		}
	}
	return mod, nil
}

// ModelOf computes m's month under changed, on m's own inputs: each rep's
// eligibility, net sales, new customers and responses, and the company's
// net sales. A closed month is thus modelled on what it froze, so the
// difference is the plan's alone and not late data's (which shows as
// adjustments elsewhere).
func ModelOf(m Month, changed Plan) (Model, error) {
	// A month's balances are the sum of every month before it under the
	// same rule: switching recovery on or off for one month alone would
	// model something no plan pays.
	if changed.RecoverClawbacks != m.Plan.RecoverClawbacks {
		return Model{}, fmt.Errorf("%w: %s was computed with recover_clawbacks %v; modelling cannot change it (it depends on every earlier month)",
			faults.ErrUsage, m.Period, m.Plan.RecoverClawbacks)
	}
	inputs, err := inputsOf(m)
	if err != nil {
		return Model{}, err
	}
	res, err := Allocate(changed, Pool(changed, m.NetSales), inputs)
	if err != nil {
		return Model{}, err
	}
	mod := Model{Period: m.Period, Current: m, CurrentPlan: m.Plan, ModelPlan: changed.Record(),
		CurrentTotals:    Totals{Pool: m.Pool, Allocated: m.Allocated, Unallocated: m.Unallocated},
		ModelTotals:      Totals{Pool: res.Pool, Allocated: res.Allocated, Unallocated: res.Unallocated, Cap: res.Cap, CapEnabled: res.CapEnabled},
		ModelActive:      res.Active,
		ModelWeights:     ComponentRates{RateOf(res.EffectiveWeights[0]), RateOf(res.EffectiveWeights[1]), RateOf(res.EffectiveWeights[2])},
		InputsFromRecord: m.Closed}
	if m.PoolDetail != nil {
		mod.CurrentTotals.Cap, mod.CurrentTotals.CapEnabled = m.Cap, m.CapEnabled
	}
	byRep := make(map[string]RepResult, len(res.Rows))
	for _, r := range res.Rows {
		byRep[r.RepID] = r
	}
	for _, r := range m.Rows {
		x := byRep[r.RepID]
		mod.Rows = append(mod.Rows, ModelRow{RepID: r.RepID, RepName: r.RepName, Team: r.Team, Eligible: r.Eligible,
			Current: r.Allocation, Modelled: x.Allocation, CurrentRank: r.Rank,
			ShareSales: RateOf(x.Share[CompSales]), ShareNew: RateOf(x.Share[CompNewCustomers]), ShareSat: RateOf(x.Share[CompSatisfaction]),
			Score: RateOf(x.Score), Multiplier: RateOf(x.Multiplier), Capped: x.Capped, Rank: Rank(x.Rank)})
	}
	return mod, nil
}

// inputsOf is what the allocation read for m: the columns of bonus_inputs
// that Load and the frozen record both keep.
func inputsOf(m Month) ([]RepInput, error) {
	in := make([]RepInput, 0, len(m.Rows))
	for _, r := range m.Rows {
		if r.RowDetail == nil {
			return nil, fmt.Errorf("%w: rep %s of %s has no detail to model from", ErrInput, r.RepID, m.Period)
		}
		x := RepInput{RepID: r.RepID, Eligible: r.Eligible, NetSales: r.NetSales,
			NewCustomers: r.NewCustomers, Responses: r.Responses, Satisfied: r.Satisfied}
		if r.Clawback != nil {
			x.Carried = r.Clawback.BroughtForward
		}
		in = append(in, x)
	}
	return in, nil
}

func sameAllocations(m Model) bool {
	if m.ModelTotals.Pool != m.CurrentTotals.Pool || m.ModelTotals.Allocated != m.CurrentTotals.Allocated {
		return false
	}
	for _, r := range m.Rows {
		if r.Difference() != 0 {
			return false
		}
	}
	return true
}

// PlanSetting is one setting of a plan as the configuration names it.
type PlanSetting struct {
	Key   string // under bonus., e.g. "weights.sales"
	Value string // exact decimal; "null" for a disabled cap
}

// Settings lists p as bonus: settings, in the configuration's order.
func (p PlanRecord) Settings() []PlanSetting {
	rate := func(r Rate) string {
		if r.Null() {
			return "null"
		}
		return r.String()
	}
	return []PlanSetting{
		{"pool_rate", rate(p.PoolRate)},
		{"weights." + ComponentNames[CompSales], rate(p.Weights[CompSales])},
		{"weights." + ComponentNames[CompNewCustomers], rate(p.Weights[CompNewCustomers])},
		{"weights." + ComponentNames[CompSatisfaction], rate(p.Weights[CompSatisfaction])},
		{"min_responses", fmt.Sprint(p.MinResponses)},
		{"satisfaction_floor", rate(p.SatisfactionFloor)},
		{"gate_multiplier", rate(p.GateMultiplier)},
		{"max_share", rate(p.MaxShare)},
	}
}

// Changed reports whether setting i of Settings differs between the two
// plans (exact comparison: 0.5 and 0.50 are the same).
func (m Model) Changed() []bool {
	a, b := m.CurrentPlan.Settings(), m.ModelPlan.Settings()
	out := make([]bool, len(a))
	for i := range a {
		out[i] = a[i].Value != b[i].Value
	}
	return out
}

// PlanKeys are the settings a Plan is made of, under "bonus.": the ones
// modelling a plan may change.
func PlanKeys() []string {
	var keys []string
	for _, s := range (PlanRecord{}).Settings() {
		keys = append(keys, "bonus."+s.Key)
	}
	return keys
}

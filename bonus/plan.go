package bonus

import (
	"fmt"
	"math/big"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// Plan is the monthly bonus plan of bonus.md. Every rate is exact so that two
// runs, or finance re-checking in Excel, agree to the cent.
type Plan struct {
	PoolRate          *big.Rat    // share of company net sales that forms the pool
	Weights           [3]*big.Rat // by component index; need not sum to 1
	MinResponses      int64       // responses a rep needs for csat to count at all
	SatisfactionFloor *big.Rat    // csat strictly below it is gated
	GateMultiplier    *big.Rat    // applied to the score of a gated rep
	MaxShare          *big.Rat    // cap as a share of the pool; nil disables the cap
	// RecoverClawbacks takes each rep's carried clawback balance
	// (RepInput.Carried) off their sales component (clawback.go).
	RecoverClawbacks bool
}

// PlanFrom is the one place a Plan is made from configuration. The
// defaults live only in config.Default, so a plan built here from a file
// that omits a setting is the documented plan, never a second copy of it.
func PlanFrom(b config.Bonus) (Plan, error) {
	p := Plan{
		PoolRate:          b.PoolRate.Rat(),
		Weights:           [3]*big.Rat{b.Weights.Sales.Rat(), b.Weights.NewCustomers.Rat(), b.Weights.Satisfaction.Rat()},
		MinResponses:      int64(b.MinResponses),
		SatisfactionFloor: b.SatisfactionFloor.Rat(),
		GateMultiplier:    b.GateMultiplier.Rat(),
		RecoverClawbacks:  b.RecoverClawbacks,
	}
	if b.MaxShare != nil {
		p.MaxShare = b.MaxShare.Rat()
	}
	if err := p.Validate(); err != nil {
		return Plan{}, fmt.Errorf("%w: the bonus section of the configuration: %w", faults.ErrUsage, err)
	}
	return p, nil
}

// Validate reports the first setting of the plan that cannot be applied.
func (p Plan) Validate() error {
	zero, one := new(big.Rat), big.NewRat(1, 1)
	inUnit := func(name string, r *big.Rat) error {
		if r == nil {
			return fmt.Errorf("%w: %s is missing", ErrPlan, name)
		}
		if r.Cmp(zero) < 0 || r.Cmp(one) > 0 {
			return fmt.Errorf("%w: %s %s is outside [0, 1]", ErrPlan, name, r.RatString())
		}
		return nil
	}
	if err := inUnit("pool_rate", p.PoolRate); err != nil {
		return err
	}
	for k, w := range p.Weights {
		name := "weight of " + ComponentNames[k]
		if w == nil {
			return fmt.Errorf("%w: %s is missing", ErrPlan, name)
		}
		if w.Sign() < 0 {
			return fmt.Errorf("%w: %s %s is negative", ErrPlan, name, w.RatString())
		}
	}
	if p.MinResponses < 1 {
		// With 0 a rep without responses would qualify with an undefined csat.
		return fmt.Errorf("%w: min_responses %d must be at least 1", ErrPlan, p.MinResponses)
	}
	if err := inUnit("satisfaction_floor", p.SatisfactionFloor); err != nil {
		return err
	}
	if err := inUnit("gate_multiplier", p.GateMultiplier); err != nil {
		return err
	}
	if p.MaxShare != nil {
		// 0 is allowed, as the config package allows it: every rep is then
		// capped at 0.00 and the whole pool shows as unallocated.
		return inUnit("max_share", p.MaxShare)
	}
	return nil
}

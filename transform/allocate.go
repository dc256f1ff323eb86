package transform

import (
	"errors"
	"fmt"
	"math/big"
	"sort"

	"github.com/salesops/salesops/money"
)

// Component indexes into the per-component arrays of Plan, RepResult and Result.
const (
	CompSales        = 0
	CompNewCustomers = 1
	CompSatisfaction = 2
)

// ComponentNames are the plan's component names as the config file and the
// bonus CSV columns (share_sales, …) spell them.
var ComponentNames = [3]string{"sales", "new_customers", "satisfaction"}

// ErrPlan marks a bonus plan that cannot be applied (a configuration error);
// ErrInput marks allocation inputs that violate their own invariants (a data
// or caller error). Callers map them to different exit codes.
var (
	ErrPlan  = errors.New("invalid bonus plan")
	ErrInput = errors.New("invalid bonus input")
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
}

// DefaultPlan is the plan bonus.md describes.
func DefaultPlan() Plan {
	return Plan{
		PoolRate:          big.NewRat(5, 100),
		Weights:           [3]*big.Rat{big.NewRat(6, 10), big.NewRat(2, 10), big.NewRat(2, 10)},
		MinResponses:      3,
		SatisfactionFloor: big.NewRat(6, 10),
		GateMultiplier:    big.NewRat(5, 10),
		MaxShare:          big.NewRat(3, 10),
	}
}

// RepInput is one roster rep's month, already aggregated by the SQL models.
type RepInput struct {
	RepID        string
	Eligible     bool
	NetSales     money.Cents // may be negative (cancellations exceed wins)
	NewCustomers int64
	Responses    int64
	Satisfied    int64
}

// RepResult carries every intermediate figure of one rep so the workbook and
// the "explain my bonus" statement can show the whole derivation.
type RepResult struct {
	RepID      string
	Eligible   bool
	CSAT       *big.Rat    // Satisfied/Responses whatever the count; nil with no responses
	X          [3]*big.Rat // nil for an ineligible rep
	Share      [3]*big.Rat // nil when the component dropped out or the rep is ineligible
	Score      *big.Rat    // before the gate; nil if ineligible
	Multiplier *big.Rat    // 1 or GateMultiplier; nil if ineligible
	Adjusted   *big.Rat    // Score × Multiplier; nil if ineligible
	Capped     bool
	Raw        *big.Rat    // exact raw allocation in currency units (0 when ineligible)
	Floor      money.Cents // Raw rounded down to the cent
	ExtraCent  bool        // received one of the distributed cents
	Allocation money.Cents
	Rank       int // competition rank by allocation desc among eligible reps; 0 if ineligible
}

// Result is the whole month's allocation.
type Result struct {
	Pool, Allocated, Unallocated money.Cents
	Cap                          money.Cents // floor(MaxShare × pool) to the cent; meaningful when CapEnabled
	CapEnabled                   bool
	Active                       [3]bool     // components that did not drop out
	EffectiveWeights             [3]*big.Rat // renormalised weights (0 for dropped)
	Rows                         []RepResult // sorted by RepID (byte order)
}

// Pool is pool_rate × max(companyNet, 0), rounded half-up to the cent. A plan
// without a pool rate yields 0; Allocate rejects such a plan anyway.
func Pool(plan Plan, companyNet money.Cents) money.Cents {
	if plan.PoolRate == nil || companyNet <= 0 {
		return 0
	}
	return money.RoundHalfUpRat(new(big.Rat).Mul(plan.PoolRate, companyNet.Rat()))
}

// Allocate validates the plan and the inputs and computes bonus.md exactly:
// components and their drop-out, scores, the satisfaction gate, the cap loop,
// the cent distribution and the ranks. It never uses a float.
func Allocate(plan Plan, pool money.Cents, reps []RepInput) (Result, error) {
	if err := plan.Validate(); err != nil {
		return Result{}, err
	}
	if err := validateInputs(pool, reps); err != nil {
		return Result{}, err
	}

	rows := make([]RepResult, len(reps))
	for i, in := range reps {
		rows[i] = RepResult{RepID: in.RepID, Eligible: in.Eligible, CSAT: csat(in), Raw: new(big.Rat)}
	}
	sorted := append([]RepInput(nil), reps...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].RepID < sorted[b].RepID })
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].RepID < rows[b].RepID })

	res := Result{Pool: pool, Rows: rows}
	res.Active, res.EffectiveWeights = score(plan, sorted, rows)
	if plan.MaxShare != nil {
		res.CapEnabled = true
		res.Cap = money.FloorRat(new(big.Rat).Mul(plan.MaxShare, pool.Rat()))
	}
	allocateRaw(pool, res.Cap, res.CapEnabled, rows)
	res.Allocated = distributeCents(rows)
	res.Unallocated = pool - res.Allocated
	rank(rows)
	return res, nil
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

func validateInputs(pool money.Cents, reps []RepInput) error {
	if pool < 0 {
		return fmt.Errorf("%w: pool %s is negative", ErrInput, pool)
	}
	seen := make(map[string]bool, len(reps))
	for _, r := range reps {
		switch {
		case r.RepID == "":
			return fmt.Errorf("%w: a rep has an empty rep_id", ErrInput)
		case seen[r.RepID]:
			return fmt.Errorf("%w: rep %q appears twice", ErrInput, r.RepID)
		case r.NewCustomers < 0:
			return fmt.Errorf("%w: rep %q has %d new customers", ErrInput, r.RepID, r.NewCustomers)
		case r.Responses < 0 || r.Satisfied < 0 || r.Satisfied > r.Responses:
			return fmt.Errorf("%w: rep %q has %d satisfied of %d responses", ErrInput, r.RepID, r.Satisfied, r.Responses)
		}
		seen[r.RepID] = true
	}
	return nil
}

func csat(in RepInput) *big.Rat {
	if in.Responses == 0 {
		return nil
	}
	return big.NewRat(in.Satisfied, in.Responses)
}

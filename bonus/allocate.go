package bonus

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

// RepInput is one roster rep's month, already aggregated by the SQL models.
type RepInput struct {
	RepID        string
	Eligible     bool
	NetSales     money.Cents // may be negative (cancellations exceed wins)
	NewCustomers int64
	Responses    int64
	Satisfied    int64
	// Carried is the clawback balance brought into the month (0 or
	// more), taken off NetSales in the sales component when the plan
	// recovers clawbacks; ignored otherwise.
	Carried money.Cents
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
		case r.Carried < 0:
			return fmt.Errorf("%w: rep %q carries a negative clawback balance %s", ErrInput, r.RepID, r.Carried)
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

package bonus

import (
	"errors"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/money"
)

// rat parses "3/4", "70.5" or "7"; nil stays nil so expectations can say
// "this share is empty".
func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("bad rat " + s)
	}
	return r
}

// ratString makes cmp diffs readable and compares Rats by value.
var ratString = cmp.Transformer("Rat", func(r *big.Rat) string {
	if r == nil {
		return "nil"
	}
	return r.RatString()
})

func cents(s string) money.Cents { return money.MustParse(s) }

// planWith returns the default plan with the given weights and cap; nil
// maxShare disables the cap.
func planWith(ws, wn, wsat string, maxShare *big.Rat) Plan {
	p := defaultPlan()
	p.Weights = [3]*big.Rat{rat(ws), rat(wn), rat(wsat)}
	p.MaxShare = maxShare
	return p
}

func TestPool(t *testing.T) {
	tests := []struct {
		name string
		net  money.Cents
		want money.Cents
	}{
		{"5% of 123.45 = 6.1725 rounds down", cents("123.45"), cents("6.17")},
		{"5% of 0.10 = 0.005 rounds half up", cents("0.10"), cents("0.01")},
		{"5% of 0.30 = 0.015 rounds half up", cents("0.30"), cents("0.02")},
		{"5% of 180000 = 9000", cents("180000.00"), cents("9000.00")},
		{"zero net", 0, 0},
		{"negative net gives an empty pool", cents("-500.00"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Pool(defaultPlan(), tt.net); got != tt.want {
				t.Errorf("Pool(%s) = %s, want %s", tt.net, got, tt.want)
			}
		})
	}
}

func TestAllocateRejects(t *testing.T) {
	ok := []RepInput{{RepID: "A", Eligible: true, NetSales: 100}}
	mod := func(f func(*Plan)) Plan { p := defaultPlan(); f(&p); return p }
	tests := []struct {
		name string
		plan Plan
		pool money.Cents
		reps []RepInput
		want error
	}{
		{"negative weight", mod(func(p *Plan) { p.Weights[1] = rat("-0.1") }), 100, ok, ErrPlan},
		{"missing weight", mod(func(p *Plan) { p.Weights[2] = nil }), 100, ok, ErrPlan},
		{"pool rate above 1", mod(func(p *Plan) { p.PoolRate = rat("1.5") }), 100, ok, ErrPlan},
		{"missing pool rate", mod(func(p *Plan) { p.PoolRate = nil }), 100, ok, ErrPlan},
		{"min responses 0", mod(func(p *Plan) { p.MinResponses = 0 }), 100, ok, ErrPlan},
		{"floor above 1", mod(func(p *Plan) { p.SatisfactionFloor = rat("1.01") }), 100, ok, ErrPlan},
		{"negative gate", mod(func(p *Plan) { p.GateMultiplier = rat("-1/2") }), 100, ok, ErrPlan},
		{"negative max share", mod(func(p *Plan) { p.MaxShare = rat("-1/10") }), 100, ok, ErrPlan},
		{"max share above 1", mod(func(p *Plan) { p.MaxShare = rat("3/2") }), 100, ok, ErrPlan},
		{"negative pool", defaultPlan(), -1, ok, ErrInput},
		{"duplicate rep", defaultPlan(), 100, []RepInput{{RepID: "A"}, {RepID: "A"}}, ErrInput},
		{"empty rep id", defaultPlan(), 100, []RepInput{{RepID: ""}}, ErrInput},
		{"negative new customers", defaultPlan(), 100, []RepInput{{RepID: "A", NewCustomers: -1}}, ErrInput},
		{"satisfied above responses", defaultPlan(), 100, []RepInput{{RepID: "A", Responses: 2, Satisfied: 3}}, ErrInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Allocate(tt.plan, tt.pool, tt.reps)
			if !errors.Is(err, tt.want) {
				t.Errorf("Allocate error = %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := Allocate(defaultPlan(), 100, ok); err != nil {
		t.Errorf("valid input rejected: %v", err)
	}
}

// TestAllocateRowFields checks every field of every row for one month with
// a gated rep and an ineligible rep (the fields TestAllocateTable leaves out).
func TestAllocateRowFields(t *testing.T) {
	// Default weights, cap 100% (= the pool, never binding), pool 23.00.
	// x sales: A 100, B 100 (Z is ineligible and does not count) → shares 1/2, 1/2
	// x new:   A 1, B 1 → shares 1/2, 1/2
	// x sat:   A 2/4 = 1/2, B 4/4 = 1 → Σ 3/2 → shares 1/3, 2/3
	// score A = 0.6·1/2 + 0.2·1/2 + 0.2·1/3 = 0.4 + 1/15 = 7/15
	// score B = 0.6·1/2 + 0.2·1/2 + 0.2·2/3 = 0.4 + 2/15 = 8/15
	// A: csat 1/2 < 0.6 with 4 ≥ 3 responses → gated, adjusted 7/30; B adjusted 16/30
	// raw A = 23 · (7/30)/(23/30) = 7.00, raw B = 16.00; cap = 23.00
	plan := defaultPlan()
	plan.MaxShare = rat("1")
	reps := []RepInput{
		{RepID: "Z", Eligible: false, NetSales: cents("1000.00"), NewCustomers: 5, Responses: 3, Satisfied: 0},
		{RepID: "B", Eligible: true, NetSales: cents("100.00"), NewCustomers: 1, Responses: 4, Satisfied: 4},
		{RepID: "A", Eligible: true, NetSales: cents("100.00"), NewCustomers: 1, Responses: 4, Satisfied: 2},
	}
	got, err := Allocate(plan, cents("23.00"), reps)
	if err != nil {
		t.Fatal(err)
	}
	want := Result{
		Pool: cents("23.00"), Allocated: cents("23.00"), Unallocated: 0,
		Cap: cents("23.00"), CapEnabled: true,
		Active:           [3]bool{true, true, true},
		EffectiveWeights: [3]*big.Rat{rat("0.6"), rat("0.2"), rat("0.2")},
		Rows: []RepResult{
			{RepID: "A", Eligible: true, CSAT: rat("1/2"),
				X:     [3]*big.Rat{rat("100"), rat("1"), rat("1/2")},
				Share: [3]*big.Rat{rat("1/2"), rat("1/2"), rat("1/3")},
				Score: rat("7/15"), Multiplier: rat("1/2"), Adjusted: rat("7/30"),
				Raw: rat("7"), Floor: cents("7.00"), Allocation: cents("7.00"), Rank: 2},
			{RepID: "B", Eligible: true, CSAT: rat("1"),
				X:     [3]*big.Rat{rat("100"), rat("1"), rat("1")},
				Share: [3]*big.Rat{rat("1/2"), rat("1/2"), rat("2/3")},
				Score: rat("8/15"), Multiplier: rat("1"), Adjusted: rat("8/15"),
				Raw: rat("16"), Floor: cents("16.00"), Allocation: cents("16.00"), Rank: 1},
			// Ineligible: csat still shown, everything else empty, raw 0, rank 0.
			{RepID: "Z", Eligible: false, CSAT: rat("0"), Raw: rat("0")},
		},
	}
	if d := cmp.Diff(want, got, ratString); d != "" {
		t.Errorf("Allocate mismatch (-want +got):\n%s", d)
	}
	// The result must not alias the plan: a caller editing a row's
	// multiplier must not rewrite the plan's gate.
	got.Rows[0].Multiplier.SetInt64(7)
	if plan.GateMultiplier.Cmp(rat("1/2")) != 0 {
		t.Errorf("plan gate multiplier changed to %s through the result", plan.GateMultiplier)
	}
}

func TestAllocateNoEligibleReps(t *testing.T) {
	got, err := Allocate(defaultPlan(), cents("10.00"), []RepInput{{RepID: "A", NetSales: cents("50.00")}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Allocated != 0 || got.Unallocated != cents("10.00") || got.Active != [3]bool{} {
		t.Errorf("got allocated %s, unallocated %s, active %v; want 0.00, 10.00, none", got.Allocated, got.Unallocated, got.Active)
	}
}

// defaultPlan is the plan of config.Default, built the one way plans are built.
func defaultPlan() Plan {
	p, err := PlanFrom(config.Default().Bonus)
	if err != nil {
		panic(err)
	}
	return p
}

package bonus

import (
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/money"
)

// row is the part of a RepResult the table checks; TestAllocateRowFields
// covers the rest.
type row struct {
	ID     string
	Share  [3]*big.Rat
	Score  *big.Rat
	Mult   *big.Rat
	Capped bool
	Raw    *big.Rat
	Alloc  money.Cents
	Extra  bool
	Rank   int
}

type totals struct {
	Allocated, Unallocated, Cap money.Cents
	CapEnabled                  bool
	Active                      [3]bool
	EffW                        [3]*big.Rat
}

// sales returns an eligible rep with only net sales (whole currency units).
func sales(id string, units int64) RepInput {
	return RepInput{RepID: id, Eligible: true, NetSales: money.Cents(units * 100)}
}

// shares builds a Share array for the sales-only plans, where the other
// components drop out.
func salesShare(s string) [3]*big.Rat { return [3]*big.Rat{rat(s), nil, nil} }

func TestAllocateTable(t *testing.T) {
	one, half := rat("1"), rat("1/2")
	salesOnly := [3]bool{true, false, false}
	salesW := [3]*big.Rat{rat("1"), rat("0"), rat("0")}
	tests := []struct {
		name   string
		plan   Plan
		pool   money.Cents
		reps   []RepInput
		totals totals
		rows   []row
	}{
		{
			// No rep won a new customer: new_customers drops, weights 0.6 and
			// 0.2 rescale to 0.75 and 0.25.
			// sales 300, 100 → 3/4, 1/4; sat 4/4 = 1 and 3/4 → Σ 7/4 → 4/7, 3/7
			// A = 3/4·3/4 + 1/4·4/7 = 9/16 + 1/7 = 79/112; B = 3/16 + 3/28 = 33/112
			// raw A = 100·79/112 = 1975/28 = 70.5357…, B = 825/28 = 29.4642…
			// floors 70.53 + 29.46 = 99.99; 1 cent to the larger remainder (A: 0.57¢ > 0.43¢).
			// The cap is disabled: with 30% A would have been held to 30.00.
			name: "component drops out, cap disabled",
			plan: planWith("0.6", "0.2", "0.2", nil),
			pool: cents("100.00"),
			reps: []RepInput{
				{RepID: "A", Eligible: true, NetSales: cents("300.00"), Responses: 4, Satisfied: 4},
				{RepID: "B", Eligible: true, NetSales: cents("100.00"), Responses: 4, Satisfied: 3},
			},
			totals: totals{Allocated: cents("100.00"), Active: [3]bool{true, false, true},
				EffW: [3]*big.Rat{rat("3/4"), rat("0"), rat("1/4")}},
			rows: []row{
				{ID: "A", Share: [3]*big.Rat{rat("3/4"), nil, rat("4/7")}, Score: rat("79/112"), Mult: one,
					Raw: rat("1975/28"), Alloc: cents("70.54"), Extra: true, Rank: 1},
				{ID: "B", Share: [3]*big.Rat{rat("1/4"), nil, rat("3/7")}, Score: rat("33/112"), Mult: one,
					Raw: rat("825/28"), Alloc: cents("29.46"), Rank: 2},
			},
		},
		{
			// Weights (1, 0, 0): new_customers drops by weight although A won 5.
			// Scores 1/3 each. A's csat 3/5 is exactly the floor: not gated.
			// B has 2 < 3 responses: no gate at 0%. C: 2/5 < 0.6 → ×1/2.
			// adjusted 1/3, 1/3, 1/6, Σ 5/6; raw = 50·(1/3)/(5/6) = 20, 20, 10.
			name: "gate with satisfaction dropped by zero weight",
			plan: planWith("1", "0", "0", nil),
			pool: cents("50.00"),
			reps: []RepInput{
				{RepID: "A", Eligible: true, NetSales: cents("100.00"), NewCustomers: 5, Responses: 5, Satisfied: 3},
				{RepID: "B", Eligible: true, NetSales: cents("100.00"), Responses: 2, Satisfied: 0},
				{RepID: "C", Eligible: true, NetSales: cents("100.00"), Responses: 5, Satisfied: 2},
			},
			totals: totals{Allocated: cents("50.00"), Active: salesOnly, EffW: salesW},
			rows: []row{
				{ID: "A", Share: salesShare("1/3"), Score: rat("1/3"), Mult: one, Raw: rat("20"), Alloc: cents("20.00"), Rank: 1},
				{ID: "B", Share: salesShare("1/3"), Score: rat("1/3"), Mult: one, Raw: rat("20"), Alloc: cents("20.00"), Rank: 1},
				{ID: "C", Share: salesShare("1/3"), Score: rat("1/3"), Mult: half, Raw: rat("10"), Alloc: cents("10.00"), Rank: 3},
			},
		},
		{
			// A: 3 responses, 0 satisfied → x_sat 0 and gated; B: 2 responses,
			// too few, x_sat 0. Σ x_sat = 0 → satisfaction drops, weights
			// 0.6, 0.2 → 3/4, 1/4. Shares 1/2 everywhere → scores 1/2, 1/2.
			// adjusted A 1/4 (gated), B 1/2, Σ 3/4 → raw 30·1/3 = 10, 30·2/3 = 20.
			name: "gate applies although satisfaction dropped for lack of satisfied customers",
			plan: planWith("0.6", "0.2", "0.2", nil),
			pool: cents("30.00"),
			reps: []RepInput{
				{RepID: "A", Eligible: true, NetSales: cents("100.00"), NewCustomers: 1, Responses: 3, Satisfied: 0},
				{RepID: "B", Eligible: true, NetSales: cents("100.00"), NewCustomers: 1, Responses: 2, Satisfied: 2},
			},
			totals: totals{Allocated: cents("30.00"), Active: [3]bool{true, true, false},
				EffW: [3]*big.Rat{rat("3/4"), rat("1/4"), rat("0")}},
			rows: []row{
				{ID: "A", Share: [3]*big.Rat{half, half, nil}, Score: half, Mult: half, Raw: rat("10"), Alloc: cents("10.00"), Rank: 2},
				{ID: "B", Share: [3]*big.Rat{half, half, nil}, Score: half, Mult: one, Raw: rat("20"), Alloc: cents("20.00"), Rank: 1},
			},
		},
		{
			// cap = 30% · 100.00 = 30.00. Scores = sales/100.
			// round 1: raw 50, 25, 10, 10, 5 → A over, fixed at 30.
			// round 2: 70 over Σ 1/2 → B 35 (over, fixed), C 14, D 14, E 7.
			// round 3: 40 over Σ 1/4 → C 16, D 16, E 8. Nobody over: done.
			name: "cap loop needs a second round",
			plan: planWith("1", "0", "0", rat("3/10")),
			pool: cents("100.00"),
			reps: []RepInput{sales("A", 50), sales("B", 25), sales("C", 10), sales("D", 10), sales("E", 5)},
			totals: totals{Allocated: cents("100.00"), Cap: cents("30.00"), CapEnabled: true,
				Active: salesOnly, EffW: salesW},
			rows: []row{
				{ID: "A", Share: salesShare("1/2"), Score: rat("1/2"), Mult: one, Capped: true, Raw: rat("30"), Alloc: cents("30.00"), Rank: 1},
				{ID: "B", Share: salesShare("1/4"), Score: rat("1/4"), Mult: one, Capped: true, Raw: rat("30"), Alloc: cents("30.00"), Rank: 1},
				{ID: "C", Share: salesShare("1/10"), Score: rat("1/10"), Mult: one, Raw: rat("16"), Alloc: cents("16.00"), Rank: 3},
				{ID: "D", Share: salesShare("1/10"), Score: rat("1/10"), Mult: one, Raw: rat("16"), Alloc: cents("16.00"), Rank: 3},
				{ID: "E", Share: salesShare("1/20"), Score: rat("1/20"), Mult: one, Raw: rat("8"), Alloc: cents("8.00"), Rank: 5},
			},
		},
		{
			// cap = floor(1/3 · 1.00) = 0.33; raw 1/3 = 0.3333… > 0.33 for all
			// three → all capped; 0.99 allocated, 0.01 unallocated.
			name: "every rep capped",
			plan: planWith("1", "0", "0", rat("1/3")),
			pool: cents("1.00"),
			reps: []RepInput{sales("A", 10), sales("B", 10), sales("C", 10)},
			totals: totals{Allocated: cents("0.99"), Unallocated: cents("0.01"), Cap: cents("0.33"),
				CapEnabled: true, Active: salesOnly, EffW: salesW},
			rows: []row{
				{ID: "A", Share: salesShare("1/3"), Score: rat("1/3"), Mult: one, Capped: true, Raw: rat("0.33"), Alloc: cents("0.33"), Rank: 1},
				{ID: "B", Share: salesShare("1/3"), Score: rat("1/3"), Mult: one, Capped: true, Raw: rat("0.33"), Alloc: cents("0.33"), Rank: 1},
				{ID: "C", Share: salesShare("1/3"), Score: rat("1/3"), Mult: one, Capped: true, Raw: rat("0.33"), Alloc: cents("0.33"), Rank: 1},
			},
		},
		{
			// cap = 3.00. A (score 1) gets 10.00 in round 1, over → 3.00.
			// B (sales 0) and C (sales −50, clipped to 0) have adjusted 0:
			// the remaining 7.00 is unallocated.
			name: "uncapped reps all have adjusted 0",
			plan: planWith("1", "0", "0", rat("3/10")),
			pool: cents("10.00"),
			reps: []RepInput{sales("A", 100), sales("B", 0), sales("C", -50)},
			totals: totals{Allocated: cents("3.00"), Unallocated: cents("7.00"), Cap: cents("3.00"),
				CapEnabled: true, Active: salesOnly, EffW: salesW},
			rows: []row{
				{ID: "A", Share: salesShare("1"), Score: one, Mult: one, Capped: true, Raw: rat("3"), Alloc: cents("3.00"), Rank: 1},
				{ID: "B", Share: salesShare("0"), Score: rat("0"), Mult: one, Raw: rat("0"), Rank: 2},
				{ID: "C", Share: salesShare("0"), Score: rat("0"), Mult: one, Raw: rat("0"), Rank: 2},
			},
		},
		{
			// raw = 0.02/3 = 1/150 each (0.666…¢): floors 0, allocated 0.02,
			// 2 cents for 3 equal remainders → byte order D10 < D2 < D9.
			name:   "cent tie goes to the smallest rep id in byte order",
			plan:   planWith("1", "0", "0", nil),
			pool:   cents("0.02"),
			reps:   []RepInput{sales("D9", 10), sales("D10", 10), sales("D2", 10)},
			totals: totals{Allocated: cents("0.02"), Active: salesOnly, EffW: salesW},
			rows: []row{
				{ID: "D10", Share: salesShare("1/3"), Score: rat("1/3"), Mult: one, Raw: rat("1/150"), Alloc: cents("0.01"), Extra: true, Rank: 1},
				{ID: "D2", Share: salesShare("1/3"), Score: rat("1/3"), Mult: one, Raw: rat("1/150"), Alloc: cents("0.01"), Extra: true, Rank: 1},
				{ID: "D9", Share: salesShare("1/3"), Score: rat("1/3"), Mult: one, Raw: rat("1/150"), Alloc: cents("0.00"), Rank: 3},
			},
		},
		{
			// A tiny pool: cap = floor(30% · 0.02) = 0.00, so both reps (raw
			// 0.01) exceed it and the whole pool stays unallocated.
			name:   "cap rounds down to zero on a tiny pool",
			plan:   planWith("1", "0", "0", rat("3/10")),
			pool:   cents("0.02"),
			reps:   []RepInput{sales("A", 10), sales("B", 10)},
			totals: totals{Unallocated: cents("0.02"), CapEnabled: true, Active: salesOnly, EffW: salesW},
			rows: []row{
				{ID: "A", Share: salesShare("1/2"), Score: half, Mult: one, Capped: true, Raw: rat("0"), Rank: 1},
				{ID: "B", Share: salesShare("1/2"), Score: half, Mult: one, Capped: true, Raw: rat("0"), Rank: 1},
			},
		},
		{
			// raw = sales share of 100.00: 40, 25, 25, 10 → ranks 1, 2, 2, 4.
			// MaxShare nil: A keeps 40% (the default cap would hold it to 30.00).
			name:   "rank ties, cap disabled",
			plan:   planWith("1", "0", "0", nil),
			pool:   cents("100.00"),
			reps:   []RepInput{sales("D", 10), sales("C", 25), sales("B", 25), sales("A", 40)},
			totals: totals{Allocated: cents("100.00"), Active: salesOnly, EffW: salesW},
			rows: []row{
				{ID: "A", Share: salesShare("2/5"), Score: rat("2/5"), Mult: one, Raw: rat("40"), Alloc: cents("40.00"), Rank: 1},
				{ID: "B", Share: salesShare("1/4"), Score: rat("1/4"), Mult: one, Raw: rat("25"), Alloc: cents("25.00"), Rank: 2},
				{ID: "C", Share: salesShare("1/4"), Score: rat("1/4"), Mult: one, Raw: rat("25"), Alloc: cents("25.00"), Rank: 2},
				{ID: "D", Share: salesShare("1/10"), Score: rat("1/10"), Mult: one, Raw: rat("10"), Alloc: cents("10.00"), Rank: 4},
			},
		},
		{
			// No positive sales, no new customers, too few responses: every
			// component drops, the whole 10.00 is unallocated.
			name: "every component drops out",
			plan: defaultPlan(),
			pool: cents("10.00"),
			reps: []RepInput{
				{RepID: "A", Eligible: true, NetSales: 0, Responses: 2, Satisfied: 1},
				{RepID: "B", Eligible: true, NetSales: cents("-5.00")},
			},
			totals: totals{Unallocated: cents("10.00"), Cap: cents("3.00"), CapEnabled: true,
				EffW: [3]*big.Rat{rat("0"), rat("0"), rat("0")}},
			rows: []row{
				{ID: "A", Score: rat("0"), Mult: one, Raw: rat("0"), Rank: 1},
				{ID: "B", Score: rat("0"), Mult: one, Raw: rat("0"), Rank: 1},
			},
		},
		{
			// Company net −500.00 → pool 0.00, cap 0.00. Shares are still
			// computed (sales 10, 5 → 2/3, 1/3) so the workbook can show them;
			// raw 0 does not exceed the cap 0, so nobody is marked capped.
			name:   "negative company net sales",
			plan:   defaultPlan(),
			pool:   Pool(defaultPlan(), cents("-500.00")),
			reps:   []RepInput{sales("A", 10), sales("B", 5)},
			totals: totals{CapEnabled: true, Active: salesOnly, EffW: salesW},
			rows: []row{
				{ID: "A", Share: salesShare("2/3"), Score: rat("2/3"), Mult: one, Raw: rat("0"), Rank: 1},
				{ID: "B", Share: salesShare("1/3"), Score: rat("1/3"), Mult: one, Raw: rat("0"), Rank: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Allocate(tt.plan, tt.pool, tt.reps)
			if err != nil {
				t.Fatal(err)
			}
			gotT := totals{res.Allocated, res.Unallocated, res.Cap, res.CapEnabled, res.Active, res.EffectiveWeights}
			if d := cmp.Diff(tt.totals, gotT, ratString); d != "" {
				t.Errorf("totals (-want +got):\n%s", d)
			}
			var gotR []row
			for _, r := range res.Rows {
				gotR = append(gotR, row{r.RepID, r.Share, r.Score, r.Multiplier, r.Capped, r.Raw, r.Allocation, r.ExtraCent, r.Rank})
			}
			if d := cmp.Diff(tt.rows, gotR, ratString); d != "" {
				t.Errorf("rows (-want +got):\n%s", d)
			}
		})
	}
}

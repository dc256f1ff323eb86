package bonus

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/money"
)

// checkAllocation runs Allocate, checks the invariants bonus.md promises and
// compares every figure with refAllocate. It returns a description of the
// first problem, or "".
func checkAllocation(plan Plan, pool money.Cents, reps []RepInput) string {
	res, err := Allocate(plan, pool, reps)
	if err != nil {
		return "Allocate: " + err.Error()
	}
	if res.Allocated+res.Unallocated != res.Pool || res.Pool != pool {
		return fmt.Sprintf("allocated %s + unallocated %s != pool %s", res.Allocated, res.Unallocated, pool)
	}
	if !sort.SliceIsSorted(res.Rows, func(a, b int) bool { return res.Rows[a].RepID < res.Rows[b].RepID }) || len(res.Rows) != len(reps) {
		return "rows not one per rep in rep_id order"
	}
	var sum money.Cents
	for _, r := range res.Rows {
		sum += r.Allocation
		switch {
		case r.Allocation < 0:
			return r.RepID + ": negative allocation"
		case res.CapEnabled && r.Allocation > res.Cap:
			return fmt.Sprintf("%s: allocation %s over cap %s", r.RepID, r.Allocation, res.Cap)
		case r.Floor != money.FloorRat(r.Raw):
			return r.RepID + ": floor is not Raw rounded down"
		case r.Allocation-r.Floor != map[bool]money.Cents{false: 0, true: 1}[r.ExtraCent]:
			return r.RepID + ": allocation is not floor plus the extra cent"
		case !r.Eligible && (r.Allocation != 0 || r.Rank != 0 || r.Score != nil || r.Multiplier != nil || r.Share != [3]*big.Rat{}):
			return r.RepID + ": ineligible rep has figures"
		case r.Eligible && r.Rank < 1:
			return r.RepID + ": eligible rep without a rank"
		}
	}
	if sum != res.Allocated {
		return fmt.Sprintf("allocations sum to %s, allocated is %s", sum, res.Allocated)
	}

	ref := refAllocate(plan, pool, reps)
	type fig struct {
		Allocated, Unallocated money.Cents
		Cap                    money.Cents
	}
	if d := cmp.Diff(fig{ref.allocated, ref.unallocated, ref.capCents}, fig{res.Allocated, res.Unallocated, res.Cap}); d != "" {
		return "totals differ from the reference (-ref +got):\n" + d
	}
	type rowFig struct {
		Shares       [3]*big.Rat
		Score, Mult  *big.Rat
		RawCents     *big.Rat
		Capped, Xtra bool
		Alloc        money.Cents
		Rank         int
	}
	for _, r := range res.Rows {
		want := ref.rows[r.RepID]
		got := rowFig{r.Share, r.Score, r.Multiplier, new(big.Rat).Mul(r.Raw, big.NewRat(100, 1)), r.Capped, r.ExtraCent, r.Allocation, r.Rank}
		w := rowFig{want.shares, want.score, want.mult, want.rawCents, want.capped, want.extra, want.alloc, want.rank}
		if d := cmp.Diff(w, got, ratString); d != "" {
			return fmt.Sprintf("rep %s differs from the reference (-ref +got):\n%s", r.RepID, d)
		}
	}
	return ""
}

var (
	propIDs      = []string{"A", "B", "D1", "D10", "D2", "D9", "D100", "Zed", "unknown", "王"}
	propShares   = []*big.Rat{nil, big.NewRat(0, 1), big.NewRat(1, 10), big.NewRat(1, 4), big.NewRat(3, 10), big.NewRat(1, 3), big.NewRat(1, 2), big.NewRat(1, 1)}
	propWeights  = []*big.Rat{big.NewRat(0, 1), big.NewRat(1, 10), big.NewRat(1, 5), big.NewRat(3, 5), big.NewRat(1, 1), big.NewRat(7, 3)}
	propFloors   = []*big.Rat{big.NewRat(0, 1), big.NewRat(3, 5), big.NewRat(2, 3), big.NewRat(1, 1)}
	propGates    = []*big.Rat{big.NewRat(0, 1), big.NewRat(1, 2), big.NewRat(1, 3), big.NewRat(1, 1)}
	propAmounts  = []money.Cents{0, -1, 1, 100, 12345, 50000, 50000, 99999}
	propPoolsMax = []int64{3, 100, 10_000, 1_000_000, 1_000_000_000}
)

// randomCase draws a month with deliberately few distinct values, so that
// ties in adjusted, raw and remainders (and hence caps and cent ties) are
// common rather than vanishingly rare.
func randomCase(rng *rand.Rand) (Plan, money.Cents, []RepInput) {
	p := defaultPlan()
	if rng.IntN(3) > 0 {
		for k := range p.Weights {
			p.Weights[k] = propWeights[rng.IntN(len(propWeights))]
		}
		p.MaxShare = propShares[rng.IntN(len(propShares))]
		p.SatisfactionFloor = propFloors[rng.IntN(len(propFloors))]
		p.GateMultiplier = propGates[rng.IntN(len(propGates))]
		p.MinResponses = 1 + rng.Int64N(4)
	}
	pool := money.Cents(rng.Int64N(propPoolsMax[rng.IntN(len(propPoolsMax))]))
	ids := append([]string(nil), propIDs...)
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	reps := make([]RepInput, rng.IntN(len(ids)+1))
	for i := range reps {
		r := RepInput{RepID: ids[i], Eligible: rng.IntN(8) > 0}
		if rng.IntN(2) == 0 {
			r.NetSales = propAmounts[rng.IntN(len(propAmounts))]
		} else {
			r.NetSales = money.Cents(rng.Int64N(2_000_000) - 200_000)
		}
		r.NewCustomers = rng.Int64N(4)
		r.Responses = rng.Int64N(7)
		r.Satisfied = rng.Int64N(r.Responses + 1)
		reps[i] = r
	}
	return p, pool, reps
}

func TestAllocateMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261031, 5))
	n := 5000
	if testing.Short() {
		n = 500
	}
	var capped, extra, unalloc int
	for i := range n {
		plan, pool, reps := randomCase(rng)
		if msg := checkAllocation(plan, pool, reps); msg != "" {
			t.Fatalf("case %d (pool %s, reps %+v): %s", i, pool, reps, msg)
		}
		res, _ := Allocate(plan, pool, reps)
		for _, r := range res.Rows {
			if r.Capped {
				capped++
			}
			if r.ExtraCent {
				extra++
			}
		}
		if res.Unallocated > 0 {
			unalloc++
		}
	}
	t.Logf("%d cases: %d capped rows, %d extra cents, %d months with unallocated money", n, capped, extra, unalloc)
	// The generator must actually reach the interesting paths, or the
	// comparison proves little.
	if capped < n/20 || extra < n/5 || unalloc < n/50 {
		t.Errorf("weak generator: %d capped rows, %d extra cents, %d months with unallocated money over %d cases", capped, extra, unalloc, n)
	}
}

// FuzzAllocate decodes a few bytes into a plan and up to 8 reps; every byte
// string is a valid month, so the fuzzer spends its time on the arithmetic.
func FuzzAllocate(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 10, 20})
	f.Add([]byte{3, 1, 2, 6, 200, 1, 9, 9, 3, 2, 1, 9, 9, 3, 2, 1, 9, 9, 3, 2})
	f.Add([]byte{255, 7, 7, 7, 255, 255, 0, 1, 0, 0, 5, 0, 1, 0, 5, 5, 2, 128, 0, 0, 3, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		next := func() int {
			if len(data) == 0 {
				return 0
			}
			b := data[0]
			data = data[1:]
			return int(b)
		}
		p := defaultPlan()
		for k := range p.Weights {
			p.Weights[k] = propWeights[next()%len(propWeights)]
		}
		p.MaxShare = propShares[next()%len(propShares)]
		p.GateMultiplier = propGates[next()%len(propGates)]
		p.MinResponses = 1 + int64(next()%3)
		pool := money.Cents(next()<<8 | next())
		var reps []RepInput
		for i := 0; len(data) >= 5 && i < len(propIDs); i++ {
			eligible := next()%7 != 0
			resp := int64(next() % 6)
			reps = append(reps, RepInput{
				RepID:        propIDs[i],
				Eligible:     eligible,
				NetSales:     money.Cents(int64(int8(next())) * 997),
				NewCustomers: int64(next() % 4),
				Responses:    resp,
				Satisfied:    int64(next()) % (resp + 1),
			})
		}
		if msg := checkAllocation(p, pool, reps); msg != "" {
			t.Fatalf("pool %s, reps %+v: %s", pool, reps, msg)
		}
	})
}

// BenchmarkAllocate measures a large sales floor: 500 reps with distinct
// figures, so the exact fractions have large denominators.
func BenchmarkAllocate(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 7))
	reps := make([]RepInput, 500)
	for i := range reps {
		resp := rng.Int64N(20)
		reps[i] = RepInput{RepID: fmt.Sprintf("S%04d", i), Eligible: true, NetSales: money.Cents(rng.Int64N(50_000_000)),
			NewCustomers: rng.Int64N(6), Responses: resp, Satisfied: rng.Int64N(resp + 1)}
	}
	for b.Loop() {
		if _, err := Allocate(defaultPlan(), money.Cents(123_456_789), reps); err != nil {
			b.Fatal(err)
		}
	}
}

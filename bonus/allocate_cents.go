package bonus

import (
	"math/big"
	"sort"

	"github.com/salesops/salesops/money"
)

// allocateRaw sets Raw and Capped of the eligible rows: the pool shared in
// proportion to Adjusted, then the cap loop of bonus.md. It follows the
// spec's wording round by round (rather than a closed form) so that the
// workbook can describe exactly what happened.
func allocateRaw(pool, capCents money.Cents, capEnabled bool, rows []RepResult) {
	capRat := capCents.Rat()
	remaining := pool.Rat()
	var uncapped []int
	for i := range rows {
		if rows[i].Eligible {
			uncapped = append(uncapped, i)
		}
	}
	for len(uncapped) > 0 {
		sumAdj := new(big.Rat)
		for _, i := range uncapped {
			sumAdj.Add(sumAdj, rows[i].Adjusted)
		}
		if sumAdj.Sign() == 0 {
			// Nobody left has a claim: what remains is unallocated.
			return
		}
		perUnit := new(big.Rat).Quo(remaining, sumAdj)
		for _, i := range uncapped {
			rows[i].Raw = new(big.Rat).Mul(perUnit, rows[i].Adjusted)
		}
		if !capEnabled {
			return
		}
		// Every rep over the cap in this round is fixed at once; fixing them
		// one at a time could cap a rep who would not exceed after the others.
		var next []int
		for _, i := range uncapped {
			if rows[i].Raw.Cmp(capRat) > 0 {
				rows[i].Raw = new(big.Rat).Set(capRat)
				rows[i].Capped = true
				remaining.Sub(remaining, capRat)
			} else {
				next = append(next, i)
			}
		}
		if len(next) == len(uncapped) {
			return
		}
		uncapped = next
	}
}

// distributeCents floors every Raw, then hands the cents still missing to
// reach the allocated total (Σ Raw rounded half-up) one each to the largest
// remainders, ties to the smallest RepID in byte order. It returns the
// allocated total.
func distributeCents(rows []RepResult) money.Cents {
	total := new(big.Rat)
	var floors money.Cents
	rems := make([]*big.Rat, len(rows))
	var order []int
	for i := range rows {
		r := &rows[i]
		total.Add(total, r.Raw)
		r.Floor = money.FloorRat(r.Raw)
		r.Allocation = r.Floor
		floors += r.Floor
		rems[i] = new(big.Rat).Sub(r.Raw, r.Floor.Rat())
		if r.Eligible {
			order = append(order, i)
		}
	}
	allocated := money.RoundHalfUpRat(total)
	sort.SliceStable(order, func(a, b int) bool {
		if c := rems[order[a]].Cmp(rems[order[b]]); c != 0 {
			return c > 0
		}
		return rows[order[a]].RepID < rows[order[b]].RepID
	})
	// missing < number of non-zero remainders, because it is Σ remainders
	// (each < 1 cent) rounded half-up; so order always has room.
	missing := int64(allocated - floors)
	for n := int64(0); n < missing && n < int64(len(order)); n++ {
		r := &rows[order[n]]
		r.Allocation++
		r.ExtraCent = true
	}
	return allocated
}

// rank sets the competition rank (1, 2, 2, 4) by allocation, descending,
// among eligible rows; ineligible rows keep rank 0.
func rank(rows []RepResult) {
	var order []int
	for i := range rows {
		if rows[i].Eligible {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return rows[order[a]].Allocation > rows[order[b]].Allocation })
	for n, i := range order {
		if n > 0 && rows[i].Allocation == rows[order[n-1]].Allocation {
			rows[i].Rank = rows[order[n-1]].Rank
		} else {
			rows[i].Rank = n + 1
		}
	}
}

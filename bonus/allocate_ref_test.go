package bonus

import (
	"math/big"
	"sort"

	"github.com/salesops/salesops/money"
)

// refAllocate is a second, independently structured reading of bonus.md used
// only by the property and fuzz tests. Where Allocate runs the cap loop round
// by round in currency units, this works in cents and uses the closed form:
// since raw ∝ adjusted, the capped reps are always a prefix of the reps
// sorted by adjusted (descending), and the answer is the shortest prefix m
// after which the next rep's share of what is left does not exceed the cap.
type refRow struct {
	eligible bool
	shares   [3]*big.Rat
	score    *big.Rat
	mult     *big.Rat
	rawCents *big.Rat
	capped   bool
	extra    bool
	alloc    money.Cents
	rank     int
}

type refResult struct {
	allocated, unallocated, capCents money.Cents
	rows                             map[string]*refRow
}

func refAllocate(p Plan, pool money.Cents, reps []RepInput) refResult {
	out := refResult{rows: map[string]*refRow{}}
	var elig []RepInput
	for _, r := range reps {
		out.rows[r.RepID] = &refRow{eligible: r.Eligible, rawCents: new(big.Rat)}
		if r.Eligible {
			elig = append(elig, r)
		}
	}
	x := func(r RepInput, k int) *big.Rat {
		switch {
		case k == 0 && r.NetSales > 0:
			return big.NewRat(int64(r.NetSales), 100)
		case k == 1:
			return big.NewRat(r.NewCustomers, 1)
		case k == 2 && r.Responses >= p.MinResponses:
			return big.NewRat(r.Satisfied, r.Responses)
		}
		return new(big.Rat)
	}

	// Component by component: total, drop-out, weight.
	wsum := new(big.Rat)
	var sums [3]*big.Rat
	for k := 0; k < 3; k++ {
		sums[k] = new(big.Rat)
		for _, r := range elig {
			sums[k].Add(sums[k], x(r, k))
		}
		if sums[k].Sign() > 0 && p.Weights[k].Sign() > 0 {
			wsum.Add(wsum, p.Weights[k])
		} else {
			sums[k] = nil // dropped
		}
	}
	adj := map[string]*big.Rat{}
	for _, r := range elig {
		row := out.rows[r.RepID]
		row.score = new(big.Rat)
		for k := 0; k < 3; k++ {
			if sums[k] == nil {
				continue
			}
			row.shares[k] = new(big.Rat).Quo(x(r, k), sums[k])
			term := new(big.Rat).Mul(row.shares[k], p.Weights[k])
			row.score.Add(row.score, term.Quo(term, wsum))
		}
		row.mult = big.NewRat(1, 1)
		if r.Responses >= p.MinResponses && big.NewRat(r.Satisfied, r.Responses).Cmp(p.SatisfactionFloor) < 0 {
			row.mult = new(big.Rat).Set(p.GateMultiplier)
		}
		adj[r.RepID] = new(big.Rat).Mul(row.score, row.mult)
	}

	// Cap in cents, by integer division.
	poolC := big.NewRat(int64(pool), 1)
	var capC *big.Rat
	if p.MaxShare != nil {
		c := new(big.Rat).Mul(p.MaxShare, poolC)
		out.capCents = money.Cents(new(big.Int).Quo(c.Num(), c.Denom()).Int64())
		capC = big.NewRat(int64(out.capCents), 1)
	}
	ids := make([]string, 0, len(elig))
	for _, r := range elig {
		ids = append(ids, r.RepID)
	}
	sort.Slice(ids, func(a, b int) bool { return adj[ids[a]].Cmp(adj[ids[b]]) > 0 })
	for m := 0; m <= len(ids); m++ {
		left := new(big.Rat).Sub(poolC, new(big.Rat).Mul(big.NewRat(int64(m), 1), nz(capC)))
		rest := new(big.Rat)
		for _, id := range ids[m:] {
			rest.Add(rest, adj[id])
		}
		if m < len(ids) && rest.Sign() > 0 && capC != nil {
			next := new(big.Rat).Mul(left, adj[ids[m]])
			if next.Quo(next, rest).Cmp(capC) > 0 {
				continue // rep m would exceed too: the prefix is longer
			}
		}
		for i, id := range ids {
			row := out.rows[id]
			switch {
			case i < m:
				row.capped, row.rawCents = true, new(big.Rat).Set(capC)
			case rest.Sign() > 0:
				row.rawCents = new(big.Rat).Quo(new(big.Rat).Mul(left, adj[id]), rest)
			}
		}
		break
	}

	// Cents: floor, then the largest remainders, ties by byte order of id.
	total := new(big.Rat)
	var floorSum money.Cents
	rem := map[string]*big.Rat{}
	for _, id := range ids {
		row := out.rows[id]
		total.Add(total, row.rawCents)
		fl := new(big.Int).Quo(row.rawCents.Num(), row.rawCents.Denom()) // raw ≥ 0
		row.alloc = money.Cents(fl.Int64())
		floorSum += row.alloc
		rem[id] = new(big.Rat).Sub(row.rawCents, new(big.Rat).SetInt(fl))
	}
	half := total.Add(total, big.NewRat(1, 2))
	out.allocated = money.Cents(new(big.Int).Quo(half.Num(), half.Denom()).Int64())
	out.unallocated = pool - out.allocated
	sort.Slice(ids, func(a, b int) bool {
		if c := rem[ids[a]].Cmp(rem[ids[b]]); c != 0 {
			return c > 0
		}
		return ids[a] < ids[b]
	})
	for _, id := range ids[:out.allocated-floorSum] {
		out.rows[id].alloc++
		out.rows[id].extra = true
	}
	for _, a := range ids {
		out.rows[a].rank = 1
		for _, b := range ids {
			if out.rows[b].alloc > out.rows[a].alloc {
				out.rows[a].rank++
			}
		}
	}
	return out
}

func nz(r *big.Rat) *big.Rat {
	if r == nil {
		return new(big.Rat)
	}
	return r
}

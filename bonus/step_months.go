package bonus

import (
	"encoding/json"
	"fmt"
	"runtime"
	"sync"

	"github.com/salesops/salesops/money"
)

// monthSales are a month's company sales, the pool's base.
type monthSales struct {
	period             string
	gross, cancel, net money.Cents
}

// allocateMonths allocates every month's pool and returns the rows of
// bonus_pools and bonus_allocations, in the months' order. Once
// carryBalances has settled what each month hands the next, a month's
// allocation reads nothing of another's, so the months are spread over
// the cores: the exact arithmetic is Go's alone (0.4 s of CPU at 500 reps
// over 25 months), and DuckDB has nothing to do meanwhile. The rows and
// the first error (by month) are the same as one month after another.
func allocateMonths(plan Plan, months []monthSales, inputs map[string][]RepInput) (pools, allocs [][]any, err error) {
	type result struct {
		pool   []any
		allocs [][]any
		err    error
	}
	out := make([]result, len(months))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(months)) {
		wg.Go(func() {
			for i := range next {
				out[i].pool, out[i].allocs, out[i].err = allocateMonth(plan, months[i], inputs[months[i].period])
			}
		})
	}
	for i := range months {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, r := range out {
		if r.err != nil {
			return nil, nil, fmt.Errorf("allocating %s: %w", months[i].period, r.err)
		}
		pools = append(pools, r.pool)
		allocs = append(allocs, r.allocs...)
	}
	return pools, allocs, nil
}

// allocateMonth allocates m's pool among reps (their carried balances
// already set) and returns its bonus_pools row and bonus_allocations rows.
func allocateMonth(plan Plan, m monthSales, reps []RepInput) (pool []any, allocs [][]any, err error) {
	res, err := Allocate(plan, Pool(plan, m.net), reps)
	if err != nil {
		return nil, nil, err
	}
	active, _ := json.Marshal(res.Active)
	weights := make([]string, 3)
	for i, w := range res.EffectiveWeights {
		weights[i] = RateString(w)
	}
	wj, _ := json.Marshal(weights)
	pool = []any{m.period, m.gross.String(), m.cancel.String(), m.net.String(), res.Pool.String(),
		res.Allocated.String(), res.Unallocated.String(), res.Cap.String(), res.CapEnabled, string(active), string(wj)}
	in := make(map[string]RepInput, len(reps))
	for _, x := range reps {
		in[x.RepID] = x
	}
	for _, r := range res.Rows {
		var rank, brought, carried any
		if r.Eligible {
			rank = r.Rank
		}
		if plan.RecoverClawbacks {
			brought, carried = in[r.RepID].Carried.String(), CarriedForward(plan, in[r.RepID]).String()
		}
		allocs = append(allocs, []any{m.period, r.RepID, r.Eligible,
			RateString(r.X[0]), RateString(r.X[1]), RateString(r.X[2]),
			RateString(r.Share[0]), RateString(r.Share[1]), RateString(r.Share[2]),
			RateString(r.Score), RateString(r.Multiplier), RateString(r.Adjusted), r.Capped, RateString(r.Raw),
			r.Floor.String(), r.ExtraCent, r.Allocation.String(), rank, RateString(r.CSAT), brought, carried})
	}
	return pool, allocs, nil
}

package bonus

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/money"
)

// overridden is the default plan with the settings of sets (key, value,
// key, value…) overridden the way salesops model does it.
func overridden(t *testing.T, sets ...string) Plan {
	t.Helper()
	b := config.Default().Bonus
	for i := 0; i < len(sets); i += 2 {
		var err error
		if b, err = config.OverrideBonus(b, sets[i], sets[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	p, err := PlanFrom(b)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The worked example of docs/bonus.md, where R1 alone is capped, modelled
// without the cap. By hand: the adjusted scores are R1 29/70, R10 and R9
// 5/28, R2 8/35 × 1/2 = 4/35; they sum to 31/35. Without the cap each rep
// gets 9,000.00 × adjusted ÷ 31/35:
//
//	R1  9000 × 29/70 × 35/31 = 9000 × 29/62 = 4209.677419… → floor 4209.67
//	R10 9000 × 5/28 × 35/31  = 9000 × 25/124 = 1814.516129… → floor 1814.51
//	R9  the same as R10                                    → floor 1814.51
//	R2  9000 × 4/35 × 35/31  = 36000/31 = 1161.290322…     → floor 1161.29
//
// The floors sum to 8,999.98, so two cents go to the largest dropped
// fractions: R1 (0.74 of a cent) and, of R10 and R9 (0.61 each, an exact
// tie), R10, whose id comes first. R2 (0.03) gets none.
func TestModelOfWorkedExampleWithoutTheCap(t *testing.T) {
	row := func(id string, net string, newc, resp, sat int64, alloc string) Row {
		return Row{Period: "2026-10", RepID: id, Eligible: true, NetSales: cents(net), NewCustomers: newc, Responses: resp,
			Allocation: cents(alloc), RowDetail: &RowDetail{Satisfied: sat}}
	}
	m := Month{Period: "2026-10", Plan: defaultPlan().Record(), NetSales: cents("180000.00"),
		Pool: cents("9000.00"), Allocated: cents("9000.00"),
		PoolDetail: &PoolDetail{Cap: cents("2700.00"), CapEnabled: true},
		Rows: []Row{ // the doc's allocation under the default plan
			row("R1", "90000.00", 2, 10, 9, "2700.00"), row("R10", "30000.00", 1, 4, 3, "2386.37"),
			row("R2", "30000.00", 4, 5, 2, "1527.27"), row("R9", "30000.00", 1, 4, 3, "2386.36")}}

	got, err := ModelOf(m, overridden(t, "bonus.max_share", "null"))
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Rep                     string
		Current, Modelled, Diff string
		Capped                  bool
	}
	var lines []line
	for _, r := range got.Rows {
		lines = append(lines, line{r.RepID, r.Current.String(), r.Modelled.String(), r.Difference().String(), r.Capped})
	}
	want := []line{
		{"R1", "2700.00", "4209.68", "1509.68", false},
		{"R10", "2386.37", "1814.52", "-571.85", false},
		{"R2", "1527.27", "1161.29", "-365.98", false},
		{"R9", "2386.36", "1814.51", "-571.85", false},
	}
	if d := cmp.Diff(want, lines); d != "" {
		t.Errorf("reps (-hand +got):\n%s", d)
	}
	if d := cmp.Diff(Totals{Pool: cents("9000.00"), Allocated: cents("9000.00")}, got.ModelTotals); d != "" {
		t.Errorf("modelled totals (-hand +got):\n%s", d)
	}
	if d := cmp.Diff([]bool{false, false, false, false, false, false, false, true}, got.Changed()); d != "" {
		t.Errorf("changed settings (-want +got):\n%s", d)
	}
}

// Modelling against the warehouse of ../transform/testdata/bonus_case.sql,
// whose allocation bonus_models_test.go computes by hand: under the
// default plan (cap 30% = 285.00) October pays A 285.00 and B 285.00 (both
// capped) and leaves 380.00 unallocated; without the cap A 591.92 and B
// 358.08 (950 × 81/130 and 950 × 49/130, the cent to B's larger fraction).
// September's only seller A is capped at 60.00 of a 200.00 pool; without
// the cap A takes all 200.00.
func TestModelMonthAgainstTheWarehouse(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	w := transformFixture(t, "bonus_case.sql", cfg, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
	current := overridden(t)
	store := NewStore(w)

	t.Run("no change equals the month to the cent", func(t *testing.T) {
		for _, p := range []string{"2026-09", "2026-10", "2026-11"} {
			real, err := Load(ctx, w.DB, p, current)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ModelMonth(ctx, w.DB, store, p, current, overridden(t))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Rows) != len(real.Rows) || len(got.Rows) == 0 {
				t.Fatalf("%s: %d rows, the month has %d", p, len(got.Rows), len(real.Rows))
			}
			for i, r := range got.Rows {
				if r.RepID != real.Rows[i].RepID || r.Modelled != real.Rows[i].Allocation || r.Current != real.Rows[i].Allocation || r.Rank != real.Rows[i].Rank {
					t.Errorf("%s %s: modelled %s rank %d, the month pays %s rank %d", p, r.RepID, r.Modelled, r.Rank, real.Rows[i].Allocation, real.Rows[i].Rank)
				}
			}
			want := Totals{Pool: real.Pool, Allocated: real.Allocated, Unallocated: real.Unallocated, Cap: real.Cap, CapEnabled: real.CapEnabled}
			if d := cmp.Diff(want, got.ModelTotals); d != "" || got.CurrentTotals != want || len(got.Notes) != 0 {
				t.Errorf("%s totals (-month +modelled):\n%s\ncurrent %+v, notes %v", p, d, got.CurrentTotals, got.Notes)
			}
		}
	})

	t.Run("without the cap the capped reps get their uncapped share", func(t *testing.T) {
		for _, tt := range []struct {
			period string
			want   map[string][2]string // rep → current, modelled
			totals [2][3]string         // current, modelled: pool, allocated, unallocated
		}{
			{"2026-10", map[string][2]string{"A": {"285.00", "591.92"}, "B": {"285.00", "358.08"}, "E": {"0.00", "0.00"}, "C": {"0.00", "0.00"}},
				[2][3]string{{"950.00", "570.00", "380.00"}, {"950.00", "950.00", "0.00"}}},
			{"2026-09", map[string][2]string{"A": {"60.00", "200.00"}},
				[2][3]string{{"200.00", "60.00", "140.00"}, {"200.00", "200.00", "0.00"}}},
		} {
			got, err := ModelMonth(ctx, w.DB, store, tt.period, current, overridden(t, "bonus.max_share", "null"))
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string][2]string{}
			for _, r := range got.Rows {
				if _, ok := tt.want[r.RepID]; ok {
					seen[r.RepID] = [2]string{r.Current.String(), r.Modelled.String()}
				}
			}
			if d := cmp.Diff(tt.want, seen); d != "" {
				t.Errorf("%s (-hand +got):\n%s", tt.period, d)
			}
			tot := func(x Totals) [3]string {
				return [3]string{x.Pool.String(), x.Allocated.String(), x.Unallocated.String()}
			}
			if g := [2][3]string{tot(got.CurrentTotals), tot(got.ModelTotals)}; g != tt.totals {
				t.Errorf("%s totals %v, want %v", tt.period, g, tt.totals)
			}
		}
	})

	t.Run("a warehouse computed under another plan is pointed out", func(t *testing.T) {
		got, err := ModelMonth(ctx, w.DB, store, "2026-10", overridden(t, "bonus.max_share", "null"), overridden(t))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Notes) != 1 || !strings.Contains(got.Notes[0], "run salesops run monthly-bonus --period 2026-10") {
			t.Errorf("notes %q", got.Notes)
		}
	})

	t.Run("a closed month is modelled on its frozen record", func(t *testing.T) {
		m, err := Load(ctx, w.DB, "2026-10", current)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Close(ctx, store, m, CloseInfo{ClosedBy: "fin", Version: "test"}, 1, time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		// Late data: A's net sales and allocation move in the warehouse.
		for _, q := range []string{
			`UPDATE bonus_inputs SET net_sales = net_sales + 100000 WHERE period = '2026-10' AND rep_id = 'A'`,
			`UPDATE bonus_allocations SET allocation = allocation + 1 WHERE period = '2026-10' AND rep_id = 'A'`,
		} {
			if _, err := w.DB.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		got, err := ModelMonth(ctx, w.DB, store, "2026-10", current, overridden(t, "bonus.max_share", "null"))
		if err != nil {
			t.Fatal(err)
		}
		if !got.InputsFromRecord || got.Rows[0].RepID != "A" || got.Rows[0].Current != money.MustParse("285.00") || got.Rows[0].Modelled != money.MustParse("591.92") {
			t.Errorf("closed October: from record %v, %+v", got.InputsFromRecord, got.Rows[0])
		}
	})
}

// Under recovery a month is modelled with the balances it carried: with no
// change, November of docs/bonus.md's clawback example (A brings 500.00
// forward against net sales of 1,000.00, B has 1,000.00: pool 100.00, A
// 33.33, B 66.67) comes out as it stands; switching recovery off for the
// one month is refused.
func TestModelOfKeepsTheClawbackBalances(t *testing.T) {
	plan := overridden(t, "bonus.max_share", "null", "bonus.recover_clawbacks", "true")
	row := func(id, alloc string, cb *Clawback) Row {
		return Row{Period: "2026-11", RepID: id, Eligible: true, NetSales: cents("1000.00"), Allocation: cents(alloc),
			Clawback: cb, RowDetail: &RowDetail{}}
	}
	m := Month{Period: "2026-11", Plan: plan.Record(), NetSales: cents("2000.00"), Pool: cents("100.00"), Allocated: cents("100.00"),
		PoolDetail: &PoolDetail{}, Rows: []Row{row("A", "33.33", &Clawback{BroughtForward: cents("500.00")}), row("B", "66.67", &Clawback{})}}
	got, err := ModelOf(m, plan)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows[0].Modelled != cents("33.33") || got.Rows[1].Modelled != cents("66.67") {
		t.Errorf("modelled A %s, B %s; want 33.33, 66.67", got.Rows[0].Modelled, got.Rows[1].Modelled)
	}
	if _, err := ModelOf(m, overridden(t, "bonus.max_share", "null")); !errors.Is(err, faults.ErrUsage) {
		t.Errorf("switching recovery off: %v", err)
	}
}

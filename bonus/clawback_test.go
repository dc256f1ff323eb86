package bonus

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/money"
)

func TestCarriedForward(t *testing.T) {
	on := Plan{RecoverClawbacks: true}
	tests := []struct {
		name    string
		plan    Plan
		in      RepInput
		want    string
		wantSal string // salesValue: the sales before the floor at 0
	}{
		{"a negative month starts a balance", on, RepInput{Eligible: true, NetSales: cents("-2000.00")}, "2000.00", "-2000.00"},
		{"sales below the balance recover part of it", on, RepInput{Eligible: true, NetSales: cents("1500.00"), Carried: cents("2000.00")}, "500.00", "-500.00"},
		{"sales above the balance recover it all", on, RepInput{Eligible: true, NetSales: cents("1000.00"), Carried: cents("500.00")}, "0.00", "500.00"},
		{"a negative month adds to the balance", on, RepInput{Eligible: true, NetSales: cents("-100.00"), Carried: cents("500.00")}, "600.00", "-600.00"},
		{"an ineligible month keeps the balance", on, RepInput{NetSales: cents("1000.00"), Carried: cents("300.00")}, "300.00", "700.00"},
		{"an ineligible negative month adds nothing", on, RepInput{NetSales: cents("-50.00"), Carried: cents("300.00")}, "300.00", "-350.00"},
		{"without recovery nothing is carried", Plan{}, RepInput{Eligible: true, NetSales: cents("-2000.00"), Carried: cents("10.00")}, "0.00", "-2000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CarriedForward(tt.plan, tt.in).String(); got != tt.want {
				t.Errorf("CarriedForward = %s, want %s", got, tt.want)
			}
			if got := salesValue(tt.plan, tt.in).String(); got != tt.wantSal {
				t.Errorf("salesValue = %s, want %s", got, tt.wantSal)
			}
		})
	}
}

// The worked example of docs/bonus.md's "Recovering clawbacks", by hand.
// Two eligible reps, no new customers and no survey responses, so sales
// is the only component; no cap (max_share null).
//
//	        A net      B net     pool    recovery on: A's sales, A, B      off: A, B
//	Sep  −2,000.00   8,000.00  300.00   0 (owes 2,000.00)  0.00  300.00   0.00 300.00
//	Oct   1,500.00   4,500.00  300.00   0 (owes   500.00)  0.00  300.00  75.00 225.00
//	Nov   1,000.00   1,000.00  100.00   500 (owes 0)      33.33   66.67  50.00  50.00
//	Dec     600.00     400.00   50.00   600               30.00   20.00  30.00  20.00
//
// In November A's 500 against B's 1,000 is a third of the pool: raw
// 33.333… and 66.666…, floors 33.33 + 66.66 = 99.99, and the cent goes to
// B's larger fraction.
func TestClawbackRecoveryWorkedExample(t *testing.T) {
	month := func(a, b string) []RepInput {
		return []RepInput{{RepID: "A", Eligible: true, NetSales: cents(a)}, {RepID: "B", Eligible: true, NetSales: cents(b)}}
	}
	for _, tt := range []struct {
		recover bool
		want    map[string][4]string // period → A, B allocation, A brought, A carried forward
	}{
		{true, map[string][4]string{"2026-09": {"0.00", "300.00", "0.00", "2000.00"}, "2026-10": {"0.00", "300.00", "2000.00", "500.00"},
			"2026-11": {"33.33", "66.67", "500.00", "0.00"}, "2026-12": {"30.00", "20.00", "0.00", "0.00"}}},
		{false, map[string][4]string{"2026-09": {"0.00", "300.00", "0.00", "0.00"}, "2026-10": {"75.00", "225.00", "0.00", "0.00"},
			"2026-11": {"50.00", "50.00", "0.00", "0.00"}, "2026-12": {"30.00", "20.00", "0.00", "0.00"}}},
	} {
		sets := []string{"bonus.max_share", "null"}
		if tt.recover {
			sets = append(sets, "bonus.recover_clawbacks", "true")
		}
		plan := overridden(t, sets...)
		inputs := map[string][]RepInput{"2026-11": month("1000.00", "1000.00"), "2026-09": month("-2000.00", "8000.00"),
			"2026-12": month("600.00", "400.00"), "2026-10": month("1500.00", "4500.00")}
		carryBalances(plan, inputs)
		got := map[string][4]string{}
		for p, in := range inputs {
			res, err := Allocate(plan, Pool(plan, in[0].NetSales+in[1].NetSales), in)
			if err != nil {
				t.Fatal(err)
			}
			got[p] = [4]string{res.Rows[0].Allocation.String(), res.Rows[1].Allocation.String(), in[0].Carried.String(), CarriedForward(plan, in[0]).String()}
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("recover %v (-hand +got):\n%s", tt.recover, d)
		}
	}
}

// Through the warehouse (../transform/testdata/bonus_case.sql): A's net
// sales are 4,000.00 in September, 7,000.00 in October and −1,000.00 in
// November (d11, won in September, cancelled). With recovery, November
// carries 1,000.00 forward for A; the balance is stored, loaded, frozen
// by a close and read back; without it no row has a balance.
func TestClawbackBalanceThroughTheWarehouse(t *testing.T) {
	ctx := context.Background()
	for _, recover := range []bool{true, false} {
		cfg := config.Default()
		cfg.Bonus.RecoverClawbacks = recover
		w, plan := bonusCase(t, cfg)
		want := map[string]*Clawback{"2026-09": {}, "2026-10": {}, "2026-11": {CarriedForward: money.MustParse("1000.00")}}
		for p, c := range want {
			m, err := Load(ctx, w.DB, p, plan)
			if err != nil {
				t.Fatal(err)
			}
			if !recover {
				c = nil
			}
			if d := cmp.Diff(c, rowOf(t, m, "A").Clawback); d != "" {
				t.Errorf("recover %v, %s, A's balance (-hand +got):\n%s", recover, p, d)
			}
			if p != "2026-11" {
				continue
			}
			closed, err := Close(ctx, NewStore(w), m, CloseInfo{ClosedBy: "fin", Version: "test"}, 1, time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(c, rowOf(t, closed, "A").Clawback); d != "" || closed.Plan.RecoverClawbacks != recover {
				t.Errorf("recover %v, the frozen balance (-hand +got):\n%s", recover, d)
			}
		}
	}
}

func rowOf(t *testing.T, m Month, rep string) Row {
	t.Helper()
	for _, r := range m.Rows {
		if r.RepID == rep {
			return r
		}
	}
	t.Fatalf("%s has no rep %s", m.Period, rep)
	return Row{}
}

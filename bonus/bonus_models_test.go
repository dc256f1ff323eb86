package bonus

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
)

// The October 2026 case of ../transform/testdata/bonus_case.sql, by hand:
//
//	company gross  = 10000 (d1) + 6000 (d2) + 1000 (d4) + 500 (d5) + 4000 (d6) + 2000 (d7) = 23500.00
//	cancellations  = 3000 (d3, won in September) + 1000 (d4) + 500 (d5)                   =  4500.00
//	net            = 19000.00; pool = 5% = 950.00
//	eligible: A, B, E (C hired after month end, D left before it, S999 → unknown)
//	x_sales: A 10000−3000 = 7000, B 6000+1000−1000 = 6000, E 500−500 = 0  → shares 7/13, 6/13, 0
//	x_new:   A 1 (c1), B 1 (c2; d4 was cancelled so not a first win) → 1/2, 1/2
//	x_sat:   A 2 satisfied of 3 (s1 via owner, s2, s3) = 2/3; B, E none → A 1
//	score A = 0.6·7/13 + 0.2·1/2 + 0.2·1 = 81/130; B = 0.6·6/13 + 0.2·1/2 = 49/130
//	no cap: raw A = 950·81/130 = 591.923…, B = 950·49/130 = 358.076…
//	        floors 591.92 + 358.07 = 949.99; the missing cent goes to the larger
//	        remainder (B .692 > A .308): A 591.92, B 358.08
//	cap 30% = 285.00: A capped; B then gets 665 > 285, capped; E has adjusted 0,
//	        so 950 − 570 = 380.00 stays unallocated.
//
// September: only A sold (d3 3000 + d11 1000, both won then, cancelled
// later): pool 200.00; sole share → raw 200 > cap 60 → A 60.00, 140.00
// unallocated. November: d11's cancellation makes net −1000.00: pool 0.
func TestBonusModelsHandComputed(t *testing.T) {
	tests := []struct {
		name     string
		maxShare *config.Decimal
		want     map[string]string // period/rep → allocation
		pools    map[string][3]string
	}{
		{"no cap", nil,
			map[string]string{"2026-10/A": "591.92", "2026-10/B": "358.08", "2026-10/C": "0.00", "2026-10/D": "0.00", "2026-10/E": "0.00", "2026-10/unknown": "0.00"},
			map[string][3]string{"2026-09": {"200.00", "200.00", "0.00"}, "2026-10": {"950.00", "950.00", "0.00"}, "2026-11": {"0.00", "0.00", "0.00"}}},
		{"cap 30%", ptr(config.D("0.3")),
			map[string]string{"2026-10/A": "285.00", "2026-10/B": "285.00", "2026-10/E": "0.00", "2026-09/A": "60.00"},
			map[string][3]string{"2026-09": {"200.00", "60.00", "140.00"}, "2026-10": {"950.00", "570.00", "380.00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			cfg := config.Default()
			cfg.Bonus.MaxShare = tt.maxShare
			w := transformFixture(t, "bonus_case.sql", cfg, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
			got := map[string]string{}
			rows, err := w.DB.QueryContext(ctx, "SELECT period || '/' || rep_id, allocation::VARCHAR FROM bonus_allocations")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var k, v string
				if err := rows.Scan(&k, &v); err != nil {
					t.Fatal(err)
				}
				if _, ok := tt.want[k]; ok {
					got[k] = v
				}
			}
			rows.Close()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("allocations (-want +got):\n%s", diff)
			}
			for p, want := range tt.pools {
				var g [3]string
				if err := w.DB.QueryRowContext(ctx, "SELECT pool::VARCHAR, allocated::VARCHAR, unallocated::VARCHAR FROM bonus_pools WHERE period = ?", p).Scan(&g[0], &g[1], &g[2]); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if g != want {
					t.Errorf("%s pool/allocated/unallocated = %v, want %v", p, g, want)
				}
			}
			// The x values and attribution behind October.
			var net, unknownNet, satA, unattributed string
			var eligibleD bool
			q := func(sql string, dst ...any) {
				t.Helper()
				if err := w.DB.QueryRowContext(ctx, sql).Scan(dst...); err != nil {
					t.Fatalf("%s: %v", sql, err)
				}
			}
			q("SELECT net_sales::VARCHAR FROM company_month WHERE period = '2026-10'", &net)
			q("SELECT net_sales::VARCHAR FROM bonus_inputs WHERE period = '2026-10' AND rep_id = 'unknown'", &unknownNet)
			q("SELECT csat FROM bonus_allocations WHERE period = '2026-10' AND rep_id = 'A'", &satA)
			q("SELECT eligible FROM bonus_inputs WHERE period = '2026-09' AND rep_id = 'D'", &eligibleD)
			q("SELECT responses::VARCHAR FROM rep_period_metrics WHERE period = '2026-10' AND rep_id = 'unattributed'", &unattributed)
			if net != "19000.00" || unknownNet != "4000.00" || satA != "0.666666666667" || !eligibleD || unattributed != "1" {
				t.Errorf("net %s unknown %s csatA %s D eligible in Sep %v unattributed %s", net, unknownNet, satA, eligibleD, unattributed)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

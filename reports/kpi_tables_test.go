package reports

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The funnel, coverage and lift tables of testdata/kpi/case.sql, by hand.
//
// Funnel, October: development {c2 f2, c6 f6, c7 f7}; follow_up {c1 f1,
// c6 f10, c5 f8}; contract {c2 f3, c3 f5} plus the October wins {c1, c2,
// c3, c5, c7}; after_sales {c1 f4}. Conversions: dev→follow_up {c6} 1/3,
// follow_up→contract {c1, c5} 2/3, contract→after_sales {c1} 1/5.
//
// Coverage on 2026-10-31: active c1 c2 c3 c5 c7 (won within 364 days) and
// c4 (won in March; an open deal too). c4's last follow-up was 2026-03-02,
// 243 days before: at risk. c7's was exactly 30 days before: covered.
//
// Lifts, October against 2026-01..2026-03: company efficiency
// (423364/225)/1000 − 1 = 0.88161…, win rate (5/8)/(1/2) − 1 = 0.25; A's
// efficiency 2400/2000 − 1 = 0.2 exactly, on the +20% target; B's baseline
// win rate is 0, so B has no win-rate lift.
func TestKPITablesHandComputed(t *testing.T) {
	w := caseWarehouse(t)
	ctx := context.Background()
	query := func(q string) []string {
		t.Helper()
		rs, err := w.DB.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rs.Close()
		var out []string
		for rs.Next() {
			var s string
			if err := rs.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	tests := []struct {
		name, sql string
		want      []string
	}{
		{"funnel", `SELECT stage || ' ' || customers || ' ' || to_next || ' ' || coalesce(round(conversion, 9)::VARCHAR, '-')
			FROM funnel_period WHERE period = '2026-10' ORDER BY stage_order`,
			[]string{"development 3 1 0.333333333", "follow_up 3 2 0.666666667", "contract 5 1 0.2", "after_sales 1 0 -"}},
		{"coverage", `SELECT level || ' ' || key || ' ' || covered_customers || '/' || active_customers
			FROM coverage_rep ORDER BY level, key`,
			[]string{"company company 5/6", "region East 3/3", "region South 1/2", "rep A 2/2", "rep B 1/1", "rep C 1/2",
				"rep D 0/0", "rep unknown 1/1", "team T1 3/3", "team T2 1/2"}},
		{"at risk", `SELECT customer_id || ' ' || rep_id || ' ' || days_since_followup FROM coverage_customers WHERE NOT covered`,
			[]string{"c4 C 243"}},
		{"lifts", `SELECT level || ' ' || key || ' ' || coalesce(round(efficiency_lift, 9)::VARCHAR, '-') || ' ' || coalesce(efficiency_met::VARCHAR, '-')
			|| ' ' || coalesce(round(win_rate_lift, 9)::VARCHAR, '-') || ' ' || coalesce(win_rate_met::VARCHAR, '-')
			FROM kpi_lifts WHERE period = '2026-10' AND key IN ('A', 'B', 'company') ORDER BY key`,
			[]string{"rep A 0.2 true 0.0 false", "rep B - - - -", "company company 0.881617778 true 0.25 true"}},
		{"leads", `SELECT customer_id || ' ' || rep_id || ' ' || is_lead || ' ' || converted FROM lead_facts ORDER BY customer_id`,
			[]string{"c1 A true true", "c2 A true true", "c3 B true false", "c4 C true true", "c5 unknown true true", "c6 A true false", "c7 C true true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, query(tt.sql)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// The exact lift in Go agrees with the hand computation.
	oct, err := LoadKPIs(ctx, w.DB, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	base, err := LoadKPIs(ctx, w.DB, "2026-01..2026-03")
	if err != nil {
		t.Fatal(err)
	}
	company := func(rows []KPIRow) KPIRow { return rows[len(rows)-1] }
	if got := kpiRatText(Lift(company(oct).Efficiency, company(base).Efficiency)); got != "49591/56250" {
		t.Errorf("company efficiency lift %s, want 49591/56250", got)
	}
	if got := fmt.Sprint(kpiRatText(Lift(company(oct).WinRate, company(base).WinRate))); got != "1/4" {
		t.Errorf("company win-rate lift %s, want 1/4", got)
	}
}

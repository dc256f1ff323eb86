package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/salesops/salesops/money"
)

// What the explore test expects, read from the warehouse the page was
// written from, and how it compares with what the charts hold.

type teamWant struct {
	regions, names []string
	net, gross     []string // cents as exact decimal text, by trend month
	csat, win      []*big.Rat
	effLift        []*big.Rat // the last 12 months' efficiency against the team's baseline
	risk           []string   // "customer | owner" of the team's first customers at risk
	responses      int64
}

// teamExpect reads the team's rows of kpi_period: the roll-up the
// filtered page must reproduce from its reps.
func teamExpect(t *testing.T, db *sql.DB, team string) teamWant {
	t.Helper()
	ctx := context.Background()
	var w teamWant
	q := func(query string, scan func(*sql.Rows) error, args ...any) {
		rs, err := db.QueryContext(ctx, query, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		for rs.Next() {
			if err := scan(rs); err != nil {
				t.Fatal(err)
			}
		}
		if err := rs.Err(); err != nil {
			t.Fatal(err)
		}
	}
	q(`SELECT DISTINCT region FROM rep_dim WHERE team = ? ORDER BY region`, func(rs *sql.Rows) error {
		var s string
		w.regions = append(w.regions, s)
		return rs.Scan(&w.regions[len(w.regions)-1])
	}, team)
	q(`SELECT k.name FROM kpi_period k JOIN rep_dim r ON r.rep_id = k.key WHERE k.level = 'rep' AND k.period = '2026-10' AND r.team = ? ORDER BY k.name`,
		func(rs *sql.Rows) error { var s string; err := rs.Scan(&s); w.names = append(w.names, s); return err }, team)
	// efficiency is gross sales per follow-up (metrics.md)
	eff := func(gross string, followups int64) *big.Rat {
		c, err := money.Parse(gross)
		if err != nil {
			t.Fatal(err)
		}
		if followups == 0 {
			return nil
		}
		return new(big.Rat).Quo(c.Rat(), big.NewRat(followups, 1))
	}
	var effs []*big.Rat
	q(`SELECT net_sales::VARCHAR, gross_sales::VARCHAR, satisfied, responses, won_deals, lost_deals, followups FROM kpi_period
		WHERE level = 'team' AND key = ? AND kind = 'month' AND start_date >= DATE '2024-11-01' AND end_date <= DATE '2026-10-31' ORDER BY start_date`,
		func(rs *sql.Rows) error {
			var net, gross string
			var sat, resp, won, lost, fu int64
			err := rs.Scan(&net, &gross, &sat, &resp, &won, &lost, &fu)
			w.net, w.gross, effs = append(w.net, net), append(w.gross, gross), append(effs, eff(gross, fu))
			w.csat, w.win = append(w.csat, ratio(sat, resp)), append(w.win, ratio(won, won+lost))
			w.responses = resp // the last month is the dashboard's
			return err
		}, team)
	var base *big.Rat
	q(`SELECT gross_sales::VARCHAR, followups FROM kpi_period WHERE level = 'team' AND key = ? AND kind = 'range'`,
		func(rs *sql.Rows) error {
			var gross string
			var fu int64
			err := rs.Scan(&gross, &fu)
			base = eff(gross, fu)
			return err
		}, team)
	for _, e := range effs[max(0, len(effs)-12):] {
		w.effLift = append(w.effLift, Lift(e, base))
	}
	q(`SELECT c.company_name, r.name FROM coverage_customers c JOIN rep_dim r USING (rep_id)
		WHERE NOT c.covered AND r.team = ? ORDER BY c.last_followup_date NULLS FIRST, c.customer_id LIMIT ?`,
		func(rs *sql.Rows) error {
			var c, r string
			err := rs.Scan(&c, &r)
			w.risk = append(w.risk, c+" | "+r)
			return err
		}, team, riskLimit)
	slices.Sort(w.names)
	return w
}

// repDeals are the rep's deal events of October 2026 as the drill-down
// writes them: date, deal, event, amount.
func repDeals(t *testing.T, db *sql.DB, rep string) []string {
	t.Helper()
	rs, err := db.QueryContext(context.Background(), `SELECT event_date::VARCHAR, deal_id, event, amount::VARCHAR FROM deal_events
		WHERE rep_id = ? AND event_date BETWEEN DATE '2026-10-01' AND DATE '2026-10-31' ORDER BY event_date, deal_id, event DESC`, rep)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var day, id, event, amount string
		if err := rs.Scan(&day, &id, &event, &amount); err != nil {
			t.Fatal(err)
		}
		c, err := money.Parse(amount)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, day+" "+id+" "+event+" "+FormatMoney(c, "CNY"))
	}
	if len(out) == 0 {
		t.Fatal("the rep has no deals in the month: pick another")
	}
	return out
}

// sameCents says the chart's values are the exact amounts: a chart value
// is cents / 100 as a double, which prints back to the same two decimals.
func sameCents(got []*float64, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i, g := range got {
		if g == nil || fmt.Sprintf("%.2f", *g) != want[i] {
			return false
		}
	}
	return true
}

func sameRates(got []*float64, want []*big.Rat) bool {
	if len(got) != len(want) {
		return false
	}
	for i, g := range got {
		if (g == nil) != (want[i] == nil) {
			return false
		}
		if g != nil && fmt.Sprintf("%.9f", *g) != want[i].FloatString(9) {
			return false
		}
	}
	return true
}

func sum(xs []*float64) float64 {
	var s float64
	for _, x := range xs {
		if x != nil {
			s += *x
		}
	}
	return s
}

func subset(xs, of []string) bool {
	for _, x := range xs {
		if !slices.Contains(of, x) {
			return false
		}
	}
	return true
}

// seriesValues is series i of s as values, for messages.
func seriesValues(s [][]*float64, i int) []any {
	var out []any
	if i < len(s) {
		for _, x := range s[i] {
			if x == nil {
				out = append(out, nil)
			} else {
				out = append(out, *x)
			}
		}
	}
	return out
}

// regionReps counts the region's reps with a row in the month.
func regionReps(t *testing.T, db *sql.DB, region string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM kpi_period k JOIN rep_dim r ON r.rep_id = k.key
		WHERE k.level = 'rep' AND k.period = '2026-10' AND r.region = ?`, region).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

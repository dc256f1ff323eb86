package reports

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/money"
)

// BonusPlan is the plan that produced a month's bonus, as exact decimal text.
type BonusPlan struct {
	PoolRate          string
	Weights           [3]string // sales, new_customers, satisfaction
	MinResponses      int64
	SatisfactionFloor string
	GateMultiplier    string
	MaxShare          string // "" when the cap is disabled
}

// BonusRow is one rep's line of the bonus (bonus.md "Rows of the bonus CSV
// and JSON"). Rates are exact decimal text ("" for null).
type BonusRow struct {
	Period         string
	RepID          string
	RepName        string
	Team           string
	Eligible       bool
	ExcludedReason string
	GrossSales     money.Cents
	Cancellations  money.Cents
	NetSales       money.Cents
	WonDeals       int64
	NewCustomers   int64
	Responses      int64
	Satisfied      int64
	CSAT           string
	XSales         string
	XNewCustomers  string
	XSatisfaction  string
	ShareSales     string
	ShareNew       string
	ShareSat       string
	Score          string
	Multiplier     string
	Adjusted       string
	Capped         bool
	Raw            string
	Floor          money.Cents
	ExtraCent      bool
	Allocation     money.Cents
	Rank           int
}

// Adjustment is the difference a closed month would pay now.
type Adjustment struct {
	ClosedPeriod string
	RepID        string
	Frozen       money.Cents
	Current      money.Cents
}

// Difference is Current − Frozen.
func (a Adjustment) Difference() money.Cents { return a.Current - a.Frozen }

// Bonus is a month's whole bonus as published.
type Bonus struct {
	Period        string
	Closed        bool
	ClosedAt      string
	Fingerprint   string
	Plan          BonusPlan
	GrossSales    money.Cents
	Cancellations money.Cents
	NetSales      money.Cents
	Pool          money.Cents
	Allocated     money.Cents
	Unallocated   money.Cents
	Cap           money.Cents
	CapEnabled    bool
	Active        [3]bool
	Weights       [3]string // effective (renormalised) weights
	Rows          []BonusRow
	Adjustments   []Adjustment
}

// ErrNoBonus means the month has no computed bonus (no such period in the data).
var ErrNoBonus = errors.New("no bonus computed for this period")

// LoadBonus reads the month's bonus as the transform computed it now.
func LoadBonus(ctx context.Context, db *sql.DB, period string, plan BonusPlan) (Bonus, error) {
	b := Bonus{Period: period, Plan: plan}
	var g, c, n, p, a, u, cp duckdb.Decimal
	var active, weights string
	err := db.QueryRowContext(ctx, `SELECT gross_sales, cancellations, net_sales, pool, allocated, unallocated, cap, cap_enabled, active, weights
		FROM bonus_pools WHERE period = ?`, period).Scan(&g, &c, &n, &p, &a, &u, &cp, &b.CapEnabled, &active, &weights)
	if errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("%s: %w", period, ErrNoBonus)
	}
	if err != nil {
		return b, fmt.Errorf("reading the pool of %s: %w", period, err)
	}
	for _, x := range []struct {
		dst *money.Cents
		d   duckdb.Decimal
	}{{&b.GrossSales, g}, {&b.Cancellations, c}, {&b.NetSales, n}, {&b.Pool, p}, {&b.Allocated, a}, {&b.Unallocated, u}, {&b.Cap, cp}} {
		if *x.dst, err = DecimalCents(x.d); err != nil {
			return b, err
		}
	}
	if err := json.Unmarshal([]byte(active), &b.Active); err != nil {
		return b, err
	}
	if err := json.Unmarshal([]byte(weights), &b.Weights); err != nil {
		return b, err
	}
	rows, err := db.QueryContext(ctx, `SELECT i.rep_id, coalesce(i.name, i.rep_id), coalesce(i.team, ''), i.eligible, coalesce(i.excluded_reason, ''),
			i.gross_sales, i.cancellations, i.net_sales, i.won_deals, i.new_customers, i.responses, i.satisfied,
			a.csat, a.x_sales, a.x_new_customers, a.x_satisfaction, a.share_sales, a.share_new_customers, a.share_satisfaction,
			a.score, a.multiplier, a.adjusted, a.capped, a.raw, a.floor, a.extra_cent, a.allocation, coalesce(a.rank, 0)
		FROM bonus_inputs i JOIN bonus_allocations a USING (period, rep_id)
		WHERE i.period = ? ORDER BY i.rep_id`, period)
	if err != nil {
		return b, fmt.Errorf("reading the bonus rows of %s: %w", period, err)
	}
	defer rows.Close()
	for rows.Next() {
		r := BonusRow{Period: period}
		var gs, cs, ns, fl, al duckdb.Decimal
		if err := rows.Scan(&r.RepID, &r.RepName, &r.Team, &r.Eligible, &r.ExcludedReason,
			&gs, &cs, &ns, &r.WonDeals, &r.NewCustomers, &r.Responses, &r.Satisfied,
			&r.CSAT, &r.XSales, &r.XNewCustomers, &r.XSatisfaction, &r.ShareSales, &r.ShareNew, &r.ShareSat,
			&r.Score, &r.Multiplier, &r.Adjusted, &r.Capped, &r.Raw, &fl, &r.ExtraCent, &al, &r.Rank); err != nil {
			return b, fmt.Errorf("reading the bonus rows of %s: %w", period, err)
		}
		for _, x := range []struct {
			dst *money.Cents
			d   duckdb.Decimal
		}{{&r.GrossSales, gs}, {&r.Cancellations, cs}, {&r.NetSales, ns}, {&r.Floor, fl}, {&r.Allocation, al}} {
			if *x.dst, err = DecimalCents(x.d); err != nil {
				return b, err
			}
		}
		b.Rows = append(b.Rows, r)
	}
	return b, rows.Err()
}

// DecimalCents converts a DuckDB DECIMAL to cents without rounding.
func DecimalCents(d duckdb.Decimal) (money.Cents, error) { return money.FromUnscaled(d.Value, d.Scale) }

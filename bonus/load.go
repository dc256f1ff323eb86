package bonus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/money"
)

// ErrNoMonth means the month has no computed bonus (no such period in the data).
var ErrNoMonth = errors.New("no bonus computed for this period")

// Load reads the month's bonus as the transform computed it now, under
// plan (the plan that transform ran with).
func Load(ctx context.Context, db *sql.DB, period string, plan Plan) (Month, error) {
	m := Month{SchemaVersion: SchemaVersion, Period: period, Plan: plan.Record(), PoolDetail: &PoolDetail{}}
	var g, c, n, p, a, u, cp duckdb.Decimal
	var active, weights string
	err := db.QueryRowContext(ctx, `SELECT gross_sales, cancellations, net_sales, pool, allocated, unallocated, cap, cap_enabled, active, weights
		FROM bonus_pools WHERE period = ?`, period).Scan(&g, &c, &n, &p, &a, &u, &cp, &m.CapEnabled, &active, &weights)
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("%s: %w", period, ErrNoMonth)
	}
	if err != nil {
		return m, fmt.Errorf("reading the pool of %s: %w", period, err)
	}
	if err := scanCents([]*money.Cents{&m.GrossSales, &m.Cancellations, &m.NetSales, &m.Pool, &m.Allocated, &m.Unallocated, &m.Cap},
		[]duckdb.Decimal{g, c, n, p, a, u, cp}); err != nil {
		return m, fmt.Errorf("reading the pool of %s: %w", period, err)
	}
	if err := json.Unmarshal([]byte(active), &m.Active); err != nil {
		return m, fmt.Errorf("reading the active components of %s: %w", period, err)
	}
	var ws [3]string
	if err := json.Unmarshal([]byte(weights), &ws); err != nil {
		return m, fmt.Errorf("reading the effective weights of %s: %w", period, err)
	}
	var pr rates
	for k, w := range ws {
		m.Weights[k] = pr.get("effective weight of "+ComponentNames[k], w)
	}
	if pr.err != nil {
		return m, fmt.Errorf("reading the pool of %s: %w", period, pr.err)
	}
	if m.Rows, err = loadRows(ctx, db, period); err != nil {
		return m, fmt.Errorf("reading the bonus rows of %s: %w", period, err)
	}
	return m, nil
}

func loadRows(ctx context.Context, db *sql.DB, period string) ([]Row, error) {
	rows, err := db.QueryContext(ctx, `SELECT i.rep_id, coalesce(i.name, i.rep_id), coalesce(i.team, ''), i.eligible, coalesce(i.excluded_reason, ''),
			i.gross_sales, i.cancellations, i.net_sales, i.won_deals, i.new_customers, i.responses, i.satisfied,
			a.csat, a.x_sales, a.x_new_customers, a.x_satisfaction, a.share_sales, a.share_new_customers, a.share_satisfaction,
			a.score, a.multiplier, a.adjusted, a.capped, a.raw, a.floor, a.extra_cent, a.allocation, coalesce(a.rank, 0),
			a.clawback_brought_forward IS NOT NULL, coalesce(a.clawback_brought_forward, 0), coalesce(a.clawback_carried_forward, 0)
		FROM bonus_inputs i JOIN bonus_allocations a USING (period, rep_id)
		WHERE i.period = ? ORDER BY i.rep_id`, period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		r := Row{Period: period, RowDetail: &RowDetail{}}
		var gs, cs, ns, fl, al, cb, cc duckdb.Decimal
		var recovers bool
		var text [11]string
		var rank int
		if err := rows.Scan(&r.RepID, &r.RepName, &r.Team, &r.Eligible, &r.ExcludedReason,
			&gs, &cs, &ns, &r.WonDeals, &r.NewCustomers, &r.Responses, &r.Satisfied,
			&text[0], &text[1], &text[2], &text[3], &text[4], &text[5], &text[6],
			&text[7], &text[8], &text[9], &r.Capped, &text[10], &fl, &r.ExtraCent, &al, &rank, &recovers, &cb, &cc); err != nil {
			return nil, err
		}
		r.Rank = Rank(rank)
		if err := scanCents([]*money.Cents{&r.GrossSales, &r.Cancellations, &r.NetSales, &r.Floor, &r.Allocation},
			[]duckdb.Decimal{gs, cs, ns, fl, al}); err != nil {
			return nil, fmt.Errorf("rep %s: %w", r.RepID, err)
		}
		if recovers {
			r.Clawback = &Clawback{}
			if err := scanCents([]*money.Cents{&r.Clawback.BroughtForward, &r.Clawback.CarriedForward}, []duckdb.Decimal{cb, cc}); err != nil {
				return nil, fmt.Errorf("rep %s: %w", r.RepID, err)
			}
		}
		var p rates
		for i, dst := range []*Rate{&r.CSAT, &r.XSales, &r.XNewCustomers, &r.XSatisfaction, &r.ShareSales, &r.ShareNew, &r.ShareSat,
			&r.Score, &r.Multiplier, &r.Adjusted, &r.Raw} {
			*dst = p.get(rateColumns[i], text[i])
		}
		if p.err != nil {
			return nil, fmt.Errorf("rep %s: %w", r.RepID, p.err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// rateColumns name the rate columns of bonus_allocations in loadRows' order.
var rateColumns = []string{"csat", "x_sales", "x_new_customers", "x_satisfaction", "share_sales", "share_new_customers",
	"share_satisfaction", "score", "multiplier", "adjusted", "raw"}

func scanCents(dst []*money.Cents, src []duckdb.Decimal) error {
	for i, d := range src {
		c, err := money.FromUnscaled(d.Value, d.Scale)
		if err != nil {
			return err
		}
		*dst[i] = c
	}
	return nil
}

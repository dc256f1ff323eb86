package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// The programme section (docs/metrics.md "The programme's cost against its
// gains"): what the plan has cost since its first month, set against the
// efficiency and win-rate lifts measured over the same months and the net
// sales and bonus those lifts represent. The dashboard and the quarterly
// audit both show it, through the month they report.

// ProgrammeOptions are the programme's settings, from the configuration.
type ProgrammeOptions struct {
	Start    string          // the first month, YYYY-MM; "" when none is configured
	Costs    []ProgrammeCost // yearly, in the base currency
	PoolRate *big.Rat        // the bonus pool's share of net sales
	// The lift targets; the dashboard takes its own (DashboardOptions.Targets).
	EfficiencyLift, WinRateLift *big.Rat
}

// ProgrammeCost is one yearly cost line (program.costs.<Key>).
type ProgrammeCost struct {
	Key    string      `json:"key"`
	Yearly money.Cents `json:"yearly"`
}

// programmeData is what the section is computed from: the settings and
// the company's sums over the baseline and over the programme's months.
// It is frozen with a closed month's dashboard, so its fields are the
// record's (exported, strict JSON).
type programmeData struct {
	Start, Through string // the programme's first month and the last one reported
	Costs          []ProgrammeCost
	PoolRate       *big.Rat
	EffTarget      *big.Rat
	WinTarget      *big.Rat
	Baseline       string // the baseline range; "" without one
	Base, ToDate   programmeSums
}

// programmeSums are the company's sums behind efficiency and win rate.
type programmeSums struct {
	Gross, Net           money.Cents
	Followups, Won, Lost int64
}

// loadProgramme reads the sums of the programme's months up to through
// (a month) and of the baseline, from kpi_period's company rows; nil when
// no start is configured.
func loadProgramme(ctx context.Context, db *sql.DB, opt ProgrammeOptions, through period.Period) (*programmeData, error) {
	if opt.Start == "" {
		return nil, nil
	}
	start, err := period.Parse(opt.Start)
	if err != nil {
		return nil, fmt.Errorf("programme start: %w", err)
	}
	d := &programmeData{Start: start.String(), Through: through.String(), Costs: opt.Costs, PoolRate: opt.PoolRate,
		EffTarget: opt.EfficiencyLift, WinTarget: opt.WinRateLift, Baseline: baselineName(ctx, db)}
	if d.Baseline != "" {
		if d.Base, err = programmeSumsOf(ctx, db, `k.kind = 'range' AND k.period = ?`, d.Baseline); err != nil {
			return nil, fmt.Errorf("reading the baseline's sums for the programme: %w", err)
		}
	}
	if d.ToDate, err = programmeSumsOf(ctx, db, `k.kind = 'month' AND k.start_date >= ? AND k.end_date <= ?`,
		start.Start(), through.End()); err != nil {
		return nil, fmt.Errorf("reading the programme's sums %s..%s: %w", d.Start, d.Through, err)
	}
	return d, nil
}

// programmeSumsOf sums the company rows of kpi_period matching where.
func programmeSumsOf(ctx context.Context, db *sql.DB, where string, args ...any) (programmeSums, error) {
	var s programmeSums
	var gross, net duckdb.Decimal
	err := db.QueryRowContext(ctx, `SELECT CAST(coalesce(sum(k.gross_sales), 0) AS DECIMAL(38,2)), CAST(coalesce(sum(k.net_sales), 0) AS DECIMAL(38,2)),
		CAST(coalesce(sum(k.followups), 0) AS BIGINT), CAST(coalesce(sum(k.won_deals), 0) AS BIGINT), CAST(coalesce(sum(k.lost_deals), 0) AS BIGINT)
		FROM kpi_period k WHERE k.level = 'company' AND `+where, args...).Scan(&gross, &net, &s.Followups, &s.Won, &s.Lost)
	if err != nil {
		return s, err
	}
	if s.Gross, err = money.FromUnscaled(gross.Value, gross.Scale); err != nil {
		return s, err
	}
	s.Net, err = money.FromUnscaled(net.Value, net.Scale)
	return s, err
}

// programmeFigures are the section's figures, computed exactly from a
// programmeData and rounded half-up to the cent once each.
type programmeFigures struct {
	Months     int // of the programme through the reported month; 0 before it starts
	Costs      []programmeCostLine
	CostToDate money.Cents
	Eff, Win   programmeLift
}

type programmeCostLine struct {
	Key            string
	Yearly, ToDate money.Cents
}

// programmeLift is one lift over the programme's months: the baseline's
// and the programme's figure (money per follow-up, or a win rate), the
// lift and its target, and what it represents; nil where undefined.
type programmeLift struct {
	Base, ToDate, Lift, Target *big.Rat
	ExtraNet, ExtraBonus       *money.Cents
	Ratio                      *big.Rat // ExtraNet ÷ CostToDate
}

// Met says whether the lift reached its target (false when either is null).
func (l programmeLift) Met() bool {
	return l.Lift != nil && l.Target != nil && l.Lift.Cmp(l.Target) >= 0
}

// figures computes the section from d.
func (d *programmeData) figures() (programmeFigures, error) {
	var f programmeFigures
	start, err := period.Parse(d.Start)
	if err != nil {
		return f, err
	}
	through, err := period.Parse(d.Through)
	if err != nil {
		return f, err
	}
	if !through.Last.Before(start.First) {
		f.Months = period.Period{Kind: period.Range, First: start.First, Last: through.Last}.Months()
	}
	for _, c := range d.Costs {
		// Each line is rounded on its own and the total is their sum, so
		// the lines always add up to the total shown.
		toDate := money.RoundHalfUpRat(new(big.Rat).Mul(c.Yearly.Rat(), big.NewRat(int64(f.Months), 12)))
		f.Costs = append(f.Costs, programmeCostLine{Key: c.Key, Yearly: c.Yearly, ToDate: toDate})
		f.CostToDate += toDate
	}
	if f.Months == 0 || d.Baseline == "" {
		return f, nil
	}
	b, t := d.Base, d.ToDate
	f.Eff = d.lift(f.CostToDate, ratioCents(b.Gross, b.Followups), ratioCents(t.Gross, t.Followups), d.EffTarget)
	f.Win = d.lift(f.CostToDate, ratio(b.Won, b.Won+b.Lost), ratio(t.Won, t.Won+t.Lost), d.WinTarget)
	return f, nil
}

// lift sets the programme's figure against the baseline's. The net sales
// a lift L represents are those beyond what the baseline's figure would
// have given the same work: net − net ÷ (1 + L) = net × (1 − base ÷ cur).
func (d *programmeData) lift(cost money.Cents, base, cur, target *big.Rat) programmeLift {
	l := programmeLift{Base: base, ToDate: cur, Lift: Lift(cur, base), Target: target}
	if l.Lift == nil || cur.Sign() == 0 {
		return l
	}
	share := new(big.Rat).Quo(base, cur)
	share.Sub(big.NewRat(1, 1), share)
	extra := money.RoundHalfUpRat(share.Mul(share, d.ToDate.Net.Rat()))
	l.ExtraNet = &extra
	if d.PoolRate != nil {
		// As the pool is: the rate times net sales in cents, rounded once.
		bonus := money.RoundHalfUpRat(new(big.Rat).Mul(d.PoolRate, extra.Rat()))
		l.ExtraBonus = &bonus
	}
	if cost != 0 {
		l.Ratio = new(big.Rat).Quo(extra.Rat(), cost.Rat())
	}
	return l
}

// ratioCents is an amount per count, exact; nil when count is 0.
func ratioCents(c money.Cents, n int64) *big.Rat {
	if n == 0 {
		return nil
	}
	return new(big.Rat).Quo(c.Rat(), big.NewRat(n, 1))
}

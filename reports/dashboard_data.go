package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// dashData is everything one month's dashboard shows, read from the
// transform's tables. Rows of a period before the data begins are nil.
type dashData struct {
	P                  period.Period
	Cur, Prev, YearAgo []KPIRow
	Base               []KPIRow       // the baseline range; nil without one
	Programme          *programmeData // the programme's cost and gains to the month; nil without a start
	Trend              []KPIRow       // company rows of the 24 months up to P, oldest first
	Funnel             []funnelStage
	Scores             []scoreCount
	TenPoint           bool
	AtRisk             []riskCustomer
	AtRiskTotal        int64
	Coverage           map[string]coverageRow // by level + "/" + key
	CoverageAsOf       time.Time
	Bonus              *bonusSummary
	Quality            []qualityNote
	// The headline's other comparisons: the pools of the previous month
	// and of a year earlier (nil: none computed), and the audit score.
	PrevPool, YearAgoPool *money.Cents
	Audit                 *auditHeadline
	Explore               *exploreData // the filters' and drill-down's data; nil in a month closed before they existed
	// repFunnel is the cohort funnel by rep, read once for both the
	// company's funnel (its sums) and the explore data; not frozen.
	repFunnel map[string][4]int64
}

type funnelStage struct {
	Stage, Next       string
	Customers, ToNext int64
}

type scoreCount struct{ Score, Count int64 }

type riskCustomer struct {
	CustomerID, Name, RepID, RepName string
	LastFollowup                     sql.NullTime
	DaysSince                        sql.NullInt64
}

type coverageRow struct{ Active, Covered int64 }

type bonusSummary struct {
	Pool, Allocated, Unallocated, NetSales money.Cents
	Allocations                            []bonusSlice
}

type bonusSlice struct {
	RepID, Name string
	Amount      money.Cents
}

type qualityNote struct {
	Key    string // label key
	Count  int64
	Detail string // data text (a reason, a code, ids); escaped on output
}

func loadDashData(ctx context.Context, db *sql.DB, opt DashboardOptions) (*dashData, error) {
	p, err := period.Parse(opt.Period)
	if err != nil || p.Kind != period.Month {
		return nil, fmt.Errorf("dashboard period %q: want a month YYYY-MM", opt.Period)
	}
	d := &dashData{P: p, Coverage: map[string]coverageRow{}}
	if d.Cur, err = LoadKPIs(ctx, db, p.String()); err != nil {
		return nil, err
	}
	for _, x := range []struct {
		dst *[]KPIRow
		per string
	}{{&d.Prev, p.Prev().String()}, {&d.YearAgo, p.YearAgo().String()}, {&d.Base, baselineName(ctx, db)}} {
		if x.per == "" {
			continue
		}
		if *x.dst, err = queryKPIs(ctx, db, kpiSelect+` WHERE k.period = ? ORDER BY `+kpiOrder, x.per); err != nil {
			return nil, fmt.Errorf("loading the KPIs of %s: %w", x.per, err)
		}
	}
	if d.Trend, err = queryKPIs(ctx, db, kpiSelect+` WHERE k.level = 'company' AND k.kind = 'month'
		AND k.start_date >= ? AND k.end_date <= ? ORDER BY k.start_date`, p.Shift(-23).Start(), p.End()); err != nil {
		return nil, fmt.Errorf("loading the sales trend: %w", err)
	}
	d.TenPoint = opt.SurveyScale == 10
	if opt.SurveyScale == 0 {
		for _, r := range append(append([]KPIRow{}, d.Cur...), d.Trend...) {
			d.TenPoint = d.TenPoint || r.NPS != nil
		}
	}
	steps := []func(context.Context, *sql.DB, *dashData) error{loadFunnel, loadScores, loadRisk, loadBonus, loadHeadline, loadQuality, loadExplore}
	for _, step := range steps {
		if err := step(ctx, db, d); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// baselineName is the period name of the baseline range, "" without one.
func baselineName(ctx context.Context, db *sql.DB) string {
	var name string
	if err := db.QueryRowContext(ctx, `SELECT period FROM periods WHERE kind = 'range' LIMIT 1`).Scan(&name); err != nil {
		return ""
	}
	return name
}

// loadFunnel reads the month's cohort funnel (docs/metrics.md "Dashboard
// funnel"): the customers first touched in the month, and of them those
// followed up again, then won, then served after the sale. Each stage is
// required of the next, so the counts never rise; funnel_period, which
// counts each stage on its own base, is the KPI file's funnel.
func loadFunnel(ctx context.Context, db *sql.DB, d *dashData) error {
	byRep, err := queryRepFunnel(ctx, db, d.P)
	if err != nil {
		return fmt.Errorf("loading the funnel: %w", err)
	}
	d.repFunnel = byRep
	var sum [4]int64
	for _, f := range byRep {
		for i := range sum {
			sum[i] += f[i]
		}
	}
	stages := []string{"development", "follow_up", "contract", "after_sales"}
	counts := sum[:]
	for i, st := range stages {
		s := funnelStage{Stage: st, Customers: counts[i]}
		if i+1 < len(stages) {
			s.Next, s.ToNext = stages[i+1], counts[i+1]
		}
		d.Funnel = append(d.Funnel, s)
	}
	return nil
}

func loadScores(ctx context.Context, db *sql.DB, d *dashData) error {
	lo, hi := int64(1), int64(5)
	if d.TenPoint {
		lo, hi = 0, 10
	}
	counts := map[int64]int64{}
	rs, err := db.QueryContext(ctx, `SELECT score, count(*) FROM survey_facts WHERE survey_date BETWEEN ? AND ? GROUP BY score`,
		d.P.Start(), d.P.End())
	if err != nil {
		return fmt.Errorf("loading the survey scores: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var s, n int64
		if err := rs.Scan(&s, &n); err != nil {
			return fmt.Errorf("loading the survey scores: %w", err)
		}
		counts[s] = n
	}
	for s := lo; s <= hi; s++ {
		d.Scores = append(d.Scores, scoreCount{s, counts[s]})
	}
	return rs.Err()
}

// riskLimit bounds the at-risk table; the total is shown beside it.
const riskLimit = 50

func loadRisk(ctx context.Context, db *sql.DB, d *dashData) error {
	rs, err := db.QueryContext(ctx, `SELECT level, key, active_customers, covered_customers, as_of FROM coverage_rep`)
	if err != nil {
		return fmt.Errorf("loading the follow-up coverage: %w", err)
	}
	for rs.Next() {
		var level, key string
		var c coverageRow
		if err := rs.Scan(&level, &key, &c.Active, &c.Covered, &d.CoverageAsOf); err != nil {
			rs.Close()
			return fmt.Errorf("loading the follow-up coverage: %w", err)
		}
		d.Coverage[level+"/"+key] = c
	}
	rs.Close()
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM coverage_customers WHERE NOT covered`).Scan(&d.AtRiskTotal); err != nil {
		return fmt.Errorf("counting the customers at risk: %w", err)
	}
	rs, err = db.QueryContext(ctx, `SELECT c.customer_id, c.company_name, c.rep_id, coalesce(r.name, c.rep_id),
		c.last_followup_date, c.days_since_followup
		FROM coverage_customers c LEFT JOIN rep_dim r USING (rep_id)
		WHERE NOT c.covered ORDER BY c.last_followup_date NULLS FIRST, c.customer_id LIMIT ?`, riskLimit)
	if err != nil {
		return fmt.Errorf("loading the customers at risk: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var c riskCustomer
		if err := rs.Scan(&c.CustomerID, &c.Name, &c.RepID, &c.RepName, &c.LastFollowup, &c.DaysSince); err != nil {
			return fmt.Errorf("loading the customers at risk: %w", err)
		}
		d.AtRisk = append(d.AtRisk, c)
	}
	return rs.Err()
}

// loadBonus reads the month's pool and its split when the bonus step has
// run; a refresh without it shows no bonus section.
func loadBonus(ctx context.Context, db *sql.DB, d *dashData) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_name IN ('bonus_pools', 'bonus_allocations')`).Scan(&n); err != nil || n < 2 {
		return err
	}
	var pool, alloc, unalloc, net duckdb.Decimal
	err := db.QueryRowContext(ctx, `SELECT pool, allocated, unallocated, net_sales FROM bonus_pools WHERE period = ?`, d.P.String()).
		Scan(&pool, &alloc, &unalloc, &net)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("loading the bonus pool: %w", err)
	}
	b := &bonusSummary{}
	for _, x := range []struct {
		v   duckdb.Decimal
		dst *money.Cents
	}{{pool, &b.Pool}, {alloc, &b.Allocated}, {unalloc, &b.Unallocated}, {net, &b.NetSales}} {
		if *x.dst, err = money.FromUnscaled(x.v.Value, x.v.Scale); err != nil {
			return fmt.Errorf("loading the bonus pool: %w", err)
		}
	}
	rs, err := db.QueryContext(ctx, `SELECT a.rep_id, coalesce(r.name, a.rep_id), a.allocation FROM bonus_allocations a
		LEFT JOIN rep_dim r USING (rep_id) WHERE a.period = ? AND a.allocation <> 0 ORDER BY a.allocation DESC, a.rep_id`, d.P.String())
	if err != nil {
		return fmt.Errorf("loading the bonus split: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var s bonusSlice
		var a duckdb.Decimal
		if err := rs.Scan(&s.RepID, &s.Name, &a); err != nil {
			return fmt.Errorf("loading the bonus split: %w", err)
		}
		if s.Amount, err = money.FromUnscaled(a.Value, a.Scale); err != nil {
			return fmt.Errorf("loading the bonus split: %w", err)
		}
		b.Allocations = append(b.Allocations, s)
	}
	d.Bonus = b
	return rs.Err()
}

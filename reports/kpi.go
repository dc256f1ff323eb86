package reports

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/big"
	"strconv"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/money"
)

// KPIRow is one row of the KPI file (cli.md): a rep, team, region or the
// company in one period. Money and counts are exact sums; every rate is an
// exact ratio of those sums (nil when its denominator is 0), so team,
// region and company rows are ratios of sums, never averages of ratios.
type KPIRow struct {
	Level, Key, Name                    string
	GrossSales, Cancellations, NetSales money.Cents
	WonDeals, LostDeals                 int64
	WinRate                             *big.Rat
	NewCustomers, Followups             int64
	Efficiency, FollowupsPerWonDeal     *big.Rat
	AvgCycleDays                        *big.Rat
	Leads, ConvertedLeads               int64
	LeadConversion                      *big.Rat
	ConversionProvisional               bool
	Responses                           int64
	CSAT, AvgScore, NPS                 *big.Rat

	// The sums behind the rates above, kept for lifts and roll-ups.
	Period                   string
	CycleDeals, CycleDaysSum int64
	Satisfied, ScoreSum      int64
	Promoters, Detractors    int64
	Team, Region             string // roster team and region of a rep row
}

// kpiOrder orders the rows of a KPI file: reps, then teams, regions and
// the company.
const kpiOrder = `CASE k.level WHEN 'rep' THEN 1 WHEN 'team' THEN 2 WHEN 'region' THEN 3 ELSE 4 END, k.key`

const kpiSelect = `SELECT k.period, k.level, k.key, k.name, coalesce(r.team, ''), coalesce(r.region, ''),
       k.gross_sales, k.cancellations, k.net_sales, k.won_deals, k.lost_deals,
       k.new_customers, k.followups, k.cycle_deals, k.cycle_days_sum, k.leads, k.converted_leads,
       k.conversion_provisional, k.responses, k.satisfied, k.score_sum, k.promoters, k.detractors,
       k.nps IS NOT NULL
FROM kpi_period k LEFT JOIN rep_dim r ON k.level = 'rep' AND r.rep_id = k.key`

// LoadKPIs reads the KPI rows of one period (a month "2026-10", a quarter
// "2026-Q3" or the baseline range) from the kpi_period table, with exact
// rates computed from the sums.
func LoadKPIs(ctx context.Context, db *sql.DB, period string) ([]KPIRow, error) {
	rows, err := queryKPIs(ctx, db, kpiSelect+` WHERE k.period = ? ORDER BY `+kpiOrder, period)
	if err != nil {
		return nil, fmt.Errorf("loading the KPIs of %s: %w", period, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("loading the KPIs of %s: no rows (is the period outside the data, or has the transform not run?)", period)
	}
	return rows, nil
}

// queryKPIs runs a kpiSelect query. The last column says whether NPS
// applies (10-point scale, some responses): the transform decided that.
func queryKPIs(ctx context.Context, db *sql.DB, q string, args ...any) ([]KPIRow, error) {
	rs, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []KPIRow
	for rs.Next() {
		var r KPIRow
		var g, c, n duckdb.Decimal
		var tenPoint bool
		if err := rs.Scan(&r.Period, &r.Level, &r.Key, &r.Name, &r.Team, &r.Region, &g, &c, &n, &r.WonDeals, &r.LostDeals,
			&r.NewCustomers, &r.Followups, &r.CycleDeals, &r.CycleDaysSum, &r.Leads, &r.ConvertedLeads,
			&r.ConversionProvisional, &r.Responses, &r.Satisfied, &r.ScoreSum, &r.Promoters, &r.Detractors, &tenPoint); err != nil {
			return nil, err
		}
		for _, m := range []struct {
			d   duckdb.Decimal
			dst *money.Cents
		}{{g, &r.GrossSales}, {c, &r.Cancellations}, {n, &r.NetSales}} {
			v, err := money.FromUnscaled(m.d.Value, m.d.Scale)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", r.Level, r.Key, err)
			}
			*m.dst = v
		}
		r.fillRates(tenPoint)
		out = append(out, r)
	}
	return out, rs.Err()
}

// fillRates derives every rate of metrics.md from the row's sums.
func (r *KPIRow) fillRates(tenPoint bool) {
	r.WinRate = ratio(r.WonDeals, r.WonDeals+r.LostDeals)
	if r.Followups > 0 {
		r.Efficiency = new(big.Rat).Quo(r.GrossSales.Rat(), big.NewRat(r.Followups, 1))
	}
	r.FollowupsPerWonDeal = ratio(r.Followups, r.WonDeals)
	r.AvgCycleDays = ratio(r.CycleDaysSum, r.CycleDeals)
	r.LeadConversion = ratio(r.ConvertedLeads, r.Leads)
	r.CSAT = ratio(r.Satisfied, r.Responses)
	r.AvgScore = ratio(r.ScoreSum, r.Responses)
	if tenPoint && r.Responses > 0 {
		r.NPS = ratio(100*(r.Promoters-r.Detractors), r.Responses)
	}
}

// ratio is num/den exactly, nil when den is 0.
func ratio(num, den int64) *big.Rat {
	if den == 0 {
		return nil
	}
	return big.NewRat(num, den)
}

// Lift is cur / base − 1: the relative change against the baseline; nil
// when either is null or the baseline is 0.
func Lift(cur, base *big.Rat) *big.Rat {
	if cur == nil || base == nil || base.Sign() == 0 {
		return nil
	}
	l := new(big.Rat).Quo(cur, base)
	return l.Sub(l, big.NewRat(1, 1))
}

// KPIColumns is the header of kpis-*.csv (cli.md).
var KPIColumns = []string{"level", "key", "name", "gross_sales", "cancellations", "net_sales", "won_deals", "lost_deals",
	"win_rate", "new_customers", "followups", "efficiency", "followups_per_won_deal", "avg_cycle_days", "leads",
	"converted_leads", "lead_conversion", "conversion_provisional", "responses", "csat", "avg_score", "nps"}

// WriteKPIsCSV writes kpis-<period>.csv: money with two decimals, rates as
// exact fractions to twelve places (empty for null), text cells made safe
// for spreadsheets.
func WriteKPIsCSV(ctx context.Context, path string, rows []KPIRow) error {
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, KPIColumns)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := c.Row(r.csvRecord()); err != nil {
				return err
			}
		}
		return c.Close()
	})
}

func (r KPIRow) csvRecord() []string {
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	rate := money.RateString
	return []string{r.Level, SafeText(r.Key), SafeText(r.Name), r.GrossSales.String(), r.Cancellations.String(), r.NetSales.String(),
		i(r.WonDeals), i(r.LostDeals), rate(r.WinRate), i(r.NewCustomers), i(r.Followups), rate(r.Efficiency),
		rate(r.FollowupsPerWonDeal), rate(r.AvgCycleDays), i(r.Leads), i(r.ConvertedLeads), rate(r.LeadConversion),
		strconv.FormatBool(r.ConversionProvisional), i(r.Responses), rate(r.CSAT), rate(r.AvgScore), rate(r.NPS)}
}

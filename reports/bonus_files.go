package reports

import (
	"context"
	"encoding/json"
	"io"
	"strconv"

	"github.com/salesops/salesops/buildinfo"
)

// BonusCSVHeader is the column list of bonus-YYYY-MM.csv (cli.md).
var BonusCSVHeader = []string{"period", "rep_id", "rep_name", "team", "eligible", "net_sales", "new_customers", "responses",
	"csat", "share_sales", "share_new_customers", "share_satisfaction", "score", "multiplier", "allocation", "rank"}

// bonusRecord renders one row as cli.md and bonus.md say: an ineligible
// rep has empty shares, score, multiplier and rank and allocation 0.00.
func bonusRecord(r BonusRow) []string {
	shares := []string{r.ShareSales, r.ShareNew, r.ShareSat, r.Score, r.Multiplier}
	rank := ""
	if r.Eligible {
		rank = strconv.Itoa(r.Rank)
	} else {
		shares = []string{"", "", "", "", ""}
	}
	return append([]string{r.Period, SafeText(r.RepID), SafeText(r.RepName), SafeText(r.Team), strconv.FormatBool(r.Eligible),
		r.NetSales.String(), strconv.FormatInt(r.NewCustomers, 10), strconv.FormatInt(r.Responses, 10), r.CSAT},
		append(shares, r.Allocation.String(), rank)...)
}

// WriteBonusCSV writes bonus-YYYY-MM.csv.
func WriteBonusCSV(ctx context.Context, path string, b Bonus) error {
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, BonusCSVHeader)
		if err != nil {
			return err
		}
		for _, r := range b.Rows {
			if err := c.Row(bonusRecord(r)); err != nil {
				return err
			}
		}
		return c.Close()
	})
}

type bonusJSONRow struct {
	Period            string  `json:"period"`
	RepID             string  `json:"rep_id"`
	RepName           string  `json:"rep_name"`
	Team              string  `json:"team"`
	Eligible          bool    `json:"eligible"`
	NetSales          string  `json:"net_sales"`
	NewCustomers      int64   `json:"new_customers"`
	Responses         int64   `json:"responses"`
	CSAT              *string `json:"csat"`
	ShareSales        *string `json:"share_sales"`
	ShareNewCustomers *string `json:"share_new_customers"`
	ShareSatisfaction *string `json:"share_satisfaction"`
	Score             *string `json:"score"`
	Multiplier        *string `json:"multiplier"`
	Allocation        string  `json:"allocation"`
	Rank              *int    `json:"rank"`
}

type bonusJSON struct {
	Generator     string         `json:"generator,omitempty"`
	Period        string         `json:"period"`
	Closed        bool           `json:"closed"`
	ClosedAt      string         `json:"closed_at,omitempty"`
	Fingerprint   string         `json:"fingerprint,omitempty"`
	Plan          bonusPlanJSON  `json:"plan"`
	GrossSales    string         `json:"gross_sales"`
	Cancellations string         `json:"cancellations"`
	NetSales      string         `json:"net_sales"`
	Pool          string         `json:"pool"`
	Allocated     string         `json:"allocated"`
	Unallocated   string         `json:"unallocated"`
	Rows          []bonusJSONRow `json:"rows"`
}

type bonusPlanJSON struct {
	PoolRate          string            `json:"pool_rate"`
	Weights           map[string]string `json:"weights"`
	MinResponses      int64             `json:"min_responses"`
	SatisfactionFloor string            `json:"satisfaction_floor"`
	GateMultiplier    string            `json:"gate_multiplier"`
	MaxShare          *string           `json:"max_share"`
}

// nullable turns "" (null) into a JSON null.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// WriteBonusJSON writes bonus-YYYY-MM.json: money and rates as strings of
// exact decimals, nulls as null; build, the salesops writing it, as its
// generator.
func WriteBonusJSON(ctx context.Context, path string, b Bonus, build buildinfo.Info) error {
	out := bonusJSON{Generator: generatorLabel(build), Period: b.Period, Closed: b.Closed, ClosedAt: b.ClosedAt, Fingerprint: b.Fingerprint,
		Plan: bonusPlanJSON{PoolRate: b.Plan.PoolRate, MinResponses: b.Plan.MinResponses, SatisfactionFloor: b.Plan.SatisfactionFloor,
			GateMultiplier: b.Plan.GateMultiplier, MaxShare: nullable(b.Plan.MaxShare),
			Weights: map[string]string{"sales": b.Plan.Weights[0], "new_customers": b.Plan.Weights[1], "satisfaction": b.Plan.Weights[2]}},
		GrossSales: b.GrossSales.String(), Cancellations: b.Cancellations.String(), NetSales: b.NetSales.String(),
		Pool: b.Pool.String(), Allocated: b.Allocated.String(), Unallocated: b.Unallocated.String(), Rows: []bonusJSONRow{}}
	for _, r := range b.Rows {
		rec := bonusRecord(r)
		jr := bonusJSONRow{Period: r.Period, RepID: r.RepID, RepName: r.RepName, Team: r.Team, Eligible: r.Eligible,
			NetSales: r.NetSales.String(), NewCustomers: r.NewCustomers, Responses: r.Responses, CSAT: nullable(r.CSAT),
			ShareSales: nullable(rec[9]), ShareNewCustomers: nullable(rec[10]), ShareSatisfaction: nullable(rec[11]),
			Score: nullable(rec[12]), Multiplier: nullable(rec[13]), Allocation: r.Allocation.String()}
		if r.Eligible {
			rank := r.Rank
			jr.Rank = &rank
		}
		out.Rows = append(out.Rows, jr)
	}
	return WriteFile(ctx, path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	})
}

// AdjustmentsCSVHeader is the column list of adjustments-YYYY-MM.csv.
var AdjustmentsCSVHeader = []string{"closed_period", "rep_id", "frozen_allocation", "current_allocation", "difference"}

// WriteAdjustmentsCSV writes adjustments-YYYY-MM.csv: one row per rep whose
// allocation for an earlier closed month would differ now.
func WriteAdjustmentsCSV(ctx context.Context, path string, adj []Adjustment) error {
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, AdjustmentsCSVHeader)
		if err != nil {
			return err
		}
		for _, a := range adj {
			if err := c.Row([]string{a.ClosedPeriod, SafeText(a.RepID), a.Frozen.String(), a.Current.String(), a.Difference().String()}); err != nil {
				return err
			}
		}
		return c.Close()
	})
}

package reports

import (
	"context"
	"encoding/json"
	"io"
	"strconv"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/buildinfo"
)

// BonusCSVHeader is the column list of bonus-YYYY-MM.csv (cli.md).
var BonusCSVHeader = []string{"period", "rep_id", "rep_name", "team", "eligible", "net_sales", "new_customers", "responses",
	"csat", "share_sales", "share_new_customers", "share_satisfaction", "score", "multiplier", "allocation", "rank"}

// bonusRecord renders one row as cli.md and bonus.md say: an ineligible
// rep has empty shares, score, multiplier and rank and allocation 0.00.
func bonusRecord(r bonus.Row) []string {
	shares := []string{r.ShareSales.String(), r.ShareNew.String(), r.ShareSat.String(), r.Score.String(), r.Multiplier.String()}
	rank := ""
	if r.Eligible {
		rank = strconv.Itoa(int(r.Rank))
	} else {
		shares = []string{"", "", "", "", ""}
	}
	return append([]string{r.Period, SafeText(r.RepID), SafeText(r.RepName), SafeText(r.Team), strconv.FormatBool(r.Eligible),
		r.NetSales.String(), strconv.FormatInt(r.NewCustomers, 10), strconv.FormatInt(r.Responses, 10), r.CSAT.String()},
		append(shares, r.Allocation.String(), rank)...)
}

// WriteBonusCSV writes bonus-YYYY-MM.csv.
func WriteBonusCSV(ctx context.Context, path string, m bonus.Month) error {
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, BonusCSVHeader)
		if err != nil {
			return err
		}
		for _, r := range m.Rows {
			if err := c.Row(bonusRecord(r)); err != nil {
				return err
			}
		}
		return c.Close()
	})
}

// WriteBonusJSON writes bonus-YYYY-MM.json: the month's record as
// published (bonus.Month.Published), money and rates as strings of exact
// decimals, nulls as null, and the build that wrote it as generator.
func WriteBonusJSON(ctx context.Context, path string, m bonus.Month, build buildinfo.Info) error {
	pub := m.Published()
	pub.SchemaVersion = bonus.SchemaVersion
	pub.Generator = generatorLabel(build)
	if pub.Rows == nil {
		pub.Rows = []bonus.Row{}
	}
	return WriteFile(ctx, path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(pub)
	})
}

// AdjustmentsCSVHeader is the column list of adjustments-YYYY-MM.csv.
var AdjustmentsCSVHeader = []string{"closed_period", "rep_id", "frozen_allocation", "current_allocation", "difference"}

// WriteAdjustmentsCSV writes adjustments-YYYY-MM.csv: one row per rep whose
// allocation for an earlier closed month would differ now.
func WriteAdjustmentsCSV(ctx context.Context, path string, adj []bonus.Adjustment) error {
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

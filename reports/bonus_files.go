package reports

import (
	"context"
	"encoding/json"
	"io"
	"strconv"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/money"
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

// ClawbackCSVColumns follow BonusCSVHeader only when the month's plan
// recovers clawbacks (bonus.recover_clawbacks), so the file of a plan
// without it keeps cli.md's columns exactly.
var ClawbackCSVColumns = []string{"clawback_brought_forward", "clawback_carried_forward"}

// WriteBonusCSV writes bonus-YYYY-MM.csv.
func WriteBonusCSV(ctx context.Context, path string, m bonus.Month) error {
	header := BonusCSVHeader
	if m.Plan.RecoverClawbacks {
		header = append(append([]string(nil), header...), ClawbackCSVColumns...)
	}
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, header)
		if err != nil {
			return err
		}
		for _, r := range m.Rows {
			rec := bonusRecord(r)
			if m.Plan.RecoverClawbacks {
				var cb bonus.Clawback
				if r.Clawback != nil {
					cb = *r.Clawback
				}
				rec = append(rec, cb.BroughtForward.String(), cb.CarriedForward.String())
			}
			if err := c.Row(rec); err != nil {
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
	out := publishedMonth{Month: pub, Adjustments: []publishedAdjustment{}}
	for _, a := range m.Adjustments {
		out.Adjustments = append(out.Adjustments, publishedAdjustment{a, a.Difference()})
	}
	return WriteFile(ctx, path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	})
}

// publishedMonth is bonus-M.json: the month and the adjustments to earlier
// closed months it lists (an open month) or paid (a closed one), as the
// workbook's Adjustments sheet and adjustments-M.csv list them.
type publishedMonth struct {
	bonus.Month
	Adjustments []publishedAdjustment `json:"adjustments"`
}

type publishedAdjustment struct {
	bonus.Adjustment
	Difference money.Cents `json:"difference"`
}

// AdjustmentsCSVHeader is the column list of adjustments-YYYY-MM.csv.
// settled, after cli.md's columns, is what closes of other months already
// paid of the change; difference is what is due now (current − frozen −
// settled): an adjustment is paid once.
var AdjustmentsCSVHeader = []string{"closed_period", "rep_id", "frozen_allocation", "current_allocation", "difference", "settled"}

// WriteAdjustmentsCSV writes adjustments-YYYY-MM.csv: one row per rep whose
// allocation for an earlier closed month would differ now beyond what was
// paid, or, for a closed month, what its close paid.
func WriteAdjustmentsCSV(ctx context.Context, path string, adj []bonus.Adjustment) error {
	return WriteFile(ctx, path, func(w io.Writer) error {
		c, err := NewCSV(w, AdjustmentsCSVHeader)
		if err != nil {
			return err
		}
		for _, a := range adj {
			if err := c.Row([]string{a.ClosedPeriod, SafeText(a.RepID), a.Frozen.String(), a.Current.String(), a.Difference().String(),
				a.Settled.String()}); err != nil {
				return err
			}
		}
		return c.Close()
	})
}

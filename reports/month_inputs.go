package reports

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/salesops/salesops/bonus"
)

// MonthInputs is everything a month's reports read besides its
// bonus.Month: the KPI rows (the KPI file), the dashboard's and the
// scorecards' data, and the workbook's detail sheets. The writers take it
// whether the month is open or closed; only where it comes from differs:
// LoadMonthInputs reads the live models, DecodeMonthInputs what a close
// froze (EncodeMonthInputs). So a closed month's files render from the
// month as it was closed, by the same code as an open month's.
type MonthInputs struct {
	Period string
	dash   *dashData
	score  *scoreData
	detail workbookDetail
}

// KPIs are the month's KPI rows at every level.
func (in *MonthInputs) KPIs() []KPIRow { return in.dash.Cur }

// LoadMonthInputs reads the month's inputs from the transform's tables;
// the detail lines are read as the workbook and the statements are
// written (workbookDetail), not here.
func LoadMonthInputs(ctx context.Context, db *sql.DB, opt DashboardOptions) (*MonthInputs, error) {
	in := &MonthInputs{Period: opt.Period}
	var err error
	if in.dash, err = loadDashWithProgramme(ctx, db, opt); err != nil {
		return nil, fmt.Errorf("reading the reports' data of %s: %w", opt.Period, err)
	}
	if in.score, err = loadScoreData(ctx, db, opt.Period); err != nil {
		return nil, fmt.Errorf("reading the scorecards' data of %s: %w", opt.Period, err)
	}
	in.detail = liveDetail(db, in.dash.P)
	return in, nil
}

// UseBonus makes the dashboard's bonus section show m, the month as the
// bonus files show it: for a closed month, its record, whatever the plan
// or the data say now.
func (in *MonthInputs) UseBonus(m bonus.Month) {
	b := &bonusSummary{Pool: m.Pool, Allocated: m.Allocated, Unallocated: m.Unallocated, NetSales: m.NetSales}
	for _, r := range m.Rows {
		if r.Allocation != 0 {
			b.Allocations = append(b.Allocations, bonusSlice{RepID: r.RepID, Name: r.RepName, Amount: r.Allocation})
		}
	}
	slices.SortStableFunc(b.Allocations, func(x, y bonusSlice) int {
		if x.Amount != y.Amount {
			return cmp.Compare(y.Amount, x.Amount)
		}
		return bytes.Compare([]byte(x.RepID), []byte(y.RepID))
	})
	in.dash.Bonus = b
}

// inputsVersion is the shape of the frozen inputs. The payloads are the
// report structs' own fields, read back strictly: a field renamed since
// a close fails loudly (an unknown key) instead of rendering blank, and a
// change of shape takes a new version and a reader for the old one.
const inputsVersion = 1

type frozenInputs struct {
	Version int             `json:"version"`
	Data    json.RawMessage `json:"data"`
}

// frozenDetail is workbookDetail with exported fields, for the record.
type frozenDetail struct {
	Deals        []dealLine        `json:"deals"`
	NewCustomers []newCustomerLine `json:"new_customers"`
	Responses    []responseLine    `json:"responses"`
	Quality      []qualityLine     `json:"quality"`
}

// EncodeMonthInputs is the frozen form of in, one payload per report, for
// bonus.Month.Views. It holds every detail line of a live month while it
// encodes them.
func EncodeMonthInputs(ctx context.Context, in *MonthInputs) (map[string][]byte, error) {
	d, err := in.detail.hold(ctx)
	if err != nil {
		return nil, fmt.Errorf("freezing the detail of %s: %w", in.Period, err)
	}
	out := map[string][]byte{}
	for name, v := range map[string]any{"dashboard": in.dash, "scorecards": in.score,
		"detail": frozenDetail{d.deals, d.newCustomers, d.responses, d.quality}} {
		data, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("freezing the %s data of %s: %w", name, in.Period, err)
		}
		if out[name], err = json.Marshal(frozenInputs{Version: inputsVersion, Data: data}); err != nil {
			return nil, fmt.Errorf("freezing the %s data of %s: %w", name, in.Period, err)
		}
	}
	return out, nil
}

// DecodeMonthInputs reads what EncodeMonthInputs froze. ok is false when
// views holds none (a month closed before salesops froze its reports).
func DecodeMonthInputs(period string, views map[string][]byte) (in *MonthInputs, ok bool, err error) {
	if len(views) == 0 {
		return nil, false, nil
	}
	in = &MonthInputs{Period: period}
	var d frozenDetail
	for name, dst := range map[string]any{"dashboard": &in.dash, "scorecards": &in.score, "detail": &d} {
		if err := decodeFrozen(views[name], dst); err != nil {
			return nil, false, fmt.Errorf("reading the frozen %s data of %s: %w", name, period, err)
		}
	}
	if in.dash == nil || in.score == nil || in.dash.P.String() != period {
		return nil, false, fmt.Errorf("reading the frozen reports of %s: they are of another period or empty", period)
	}
	in.detail = workbookDetail{deals: d.Deals, newCustomers: d.NewCustomers, responses: d.Responses, quality: d.Quality}
	return in, true, nil
}

func decodeFrozen(b []byte, dst any) error {
	if b == nil {
		return fmt.Errorf("missing")
	}
	var f frozenInputs
	if err := strictJSON(b, &f); err != nil {
		return err
	}
	if f.Version != inputsVersion {
		return fmt.Errorf("version %d is not one this salesops reads (%d)", f.Version, inputsVersion)
	}
	return strictJSON(f.Data, dst)
}

func strictJSON(b []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(dst)
}

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

// detailInTable is the version of a detail payload whose lines the close
// copied into closed_detail_lines (freezeLines), its data naming the
// table: a month's detail is too long to hold in memory as JSON (69 MB at
// 10M deals, read and written whole by every close and every rerun of
// the closed month). Version 1, the lines themselves, is still read.
const detailInTable = 2

// linesTable is the data of a detailInTable payload.
type linesTable struct {
	Lines string `json:"lines"`
}

// EncodeMonthInputs is the frozen form of in, one payload per report, for
// bonus.Month.Views, and the statements that copy a live month's detail
// lines, for bonus.Month.ViewLines: the close runs them in its
// transaction, so the lines never pass through Go. A month whose lines
// are held has them in its payload.
func EncodeMonthInputs(ctx context.Context, in *MonthInputs) (map[string][]byte, []bonus.Statement, error) {
	out := map[string][]byte{}
	put := func(name string, version int, v any) error {
		data, err := json.Marshal(v)
		if err == nil {
			out[name], err = json.Marshal(frozenInputs{Version: version, Data: data})
		}
		if err != nil {
			return fmt.Errorf("freezing the %s data of %s: %w", name, in.Period, err)
		}
		return nil
	}
	if err := put("dashboard", inputsVersion, in.dash); err != nil {
		return nil, nil, err
	}
	if err := put("scorecards", inputsVersion, in.score); err != nil {
		return nil, nil, err
	}
	if src := in.detail.from; src != nil && src.period == "" {
		return out, freezeLines(in.detail, in.Period), put("detail", detailInTable, linesTable{Lines: "closed_detail_lines"})
	}
	d, err := in.detail.hold(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("freezing the detail of %s: %w", in.Period, err)
	}
	return out, nil, put("detail", inputsVersion, frozenDetail{d.deals, d.newCustomers, d.responses, d.quality})
}

// DecodeMonthInputs reads what EncodeMonthInputs froze, the detail lines
// from db as they are passed over. ok is false when views holds none (a
// month closed before salesops froze its reports).
func DecodeMonthInputs(db *sql.DB, period string, views map[string][]byte) (in *MonthInputs, ok bool, err error) {
	if len(views) == 0 {
		return nil, false, nil
	}
	in = &MonthInputs{Period: period}
	for name, dst := range map[string]any{"dashboard": &in.dash, "scorecards": &in.score} {
		if err := decodeFrozen(views[name], dst); err != nil {
			return nil, false, fmt.Errorf("reading the frozen %s data of %s: %w", name, period, err)
		}
	}
	if in.dash == nil || in.score == nil || in.dash.P.String() != period {
		return nil, false, fmt.Errorf("reading the frozen reports of %s: they are of another period or empty", period)
	}
	if in.detail, err = decodeDetail(db, period, views["detail"]); err != nil {
		return nil, false, fmt.Errorf("reading the frozen detail data of %s: %w", period, err)
	}
	return in, true, nil
}

func decodeDetail(db *sql.DB, period string, b []byte) (workbookDetail, error) {
	f, err := openFrozen(b)
	if err != nil {
		return workbookDetail{}, err
	}
	switch f.Version {
	case inputsVersion:
		var d frozenDetail
		err := strictJSON(f.Data, &d)
		return workbookDetail{deals: d.Deals, newCustomers: d.NewCustomers, responses: d.Responses, quality: d.Quality}, err
	case detailInTable:
		var t linesTable
		if err := strictJSON(f.Data, &t); err != nil {
			return workbookDetail{}, err
		}
		if t.Lines != "closed_detail_lines" {
			return workbookDetail{}, fmt.Errorf("its lines are in %q, not a table this salesops reads", t.Lines)
		}
		return closedDetail(db, period), nil
	}
	return workbookDetail{}, fmt.Errorf("version %d is not one this salesops reads (%d or %d)", f.Version, inputsVersion, detailInTable)
}

// decodeFrozen reads a version-1 payload into dst in one pass: reading
// the envelope first and then its data copied the data twice more (the
// dashboard's is 51 MB at 10M deals, read by every close and every rerun
// of a closed month). The decoder goes on past a field it does not know,
// so a payload of another version says so, wherever its version stands,
// rather than naming the field.
func decodeFrozen(b []byte, dst any) error {
	if b == nil {
		return fmt.Errorf("missing")
	}
	env := struct {
		Version int `json:"version"`
		Data    any `json:"data"`
	}{Data: dst}
	err := strictJSON(b, &env)
	if err != nil && env.Version == 0 {
		return err
	}
	if env.Version != inputsVersion {
		return fmt.Errorf("version %d is not one this salesops reads (%d)", env.Version, inputsVersion)
	}
	return err
}

// openFrozen reads a payload's envelope.
func openFrozen(b []byte) (frozenInputs, error) {
	var f frozenInputs
	if b == nil {
		return f, fmt.Errorf("missing")
	}
	return f, strictJSON(b, &f)
}

func strictJSON(b []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(dst)
}

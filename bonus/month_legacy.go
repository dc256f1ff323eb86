package bonus

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/salesops/salesops/money"
)

// monthV1 is the record closes wrote before SchemaVersion 2: the JSON of
// the former reports.Bonus, a struct without json tags, so its keys are the
// Go field names of the time. Money was integer cents and rates decimal
// text ("" for null). Frozen here, never to change.
type monthV1 struct {
	Period        string
	Closed        bool
	ClosedAt      string
	Fingerprint   string
	Plan          planV1
	GrossSales    int64
	Cancellations int64
	NetSales      int64
	Pool          int64
	Allocated     int64
	Unallocated   int64
	Cap           int64
	CapEnabled    bool
	Active        [3]bool
	Weights       [3]string
	Rows          []rowV1
	Adjustments   json.RawMessage
}

type planV1 struct {
	PoolRate          string
	Weights           [3]string
	MinResponses      int64
	SatisfactionFloor string
	GateMultiplier    string
	MaxShare          string
}

type rowV1 struct {
	Period         string
	RepID          string
	RepName        string
	Team           string
	Eligible       bool
	ExcludedReason string
	GrossSales     int64
	Cancellations  int64
	NetSales       int64
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
	Floor          int64
	ExtraCent      bool
	Allocation     int64
	Rank           int
}

// decodeV1 reads a version-1 record into a Month. encoding/json matches
// keys to field names without regard to case, so every key is checked
// to be there first: a renamed or lost field is an error, not a zero.
func decodeV1(b []byte) (Month, error) {
	if err := requireGoKeys(b, "", reflect.TypeFor[monthV1]()); err != nil {
		return Month{}, err
	}
	var raw struct {
		Plan json.RawMessage
		Rows []json.RawMessage
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return Month{}, err
	}
	if err := requireGoKeys(raw.Plan, "Plan.", reflect.TypeFor[planV1]()); err != nil {
		return Month{}, err
	}
	for i, r := range raw.Rows {
		if err := requireGoKeys(r, fmt.Sprintf("Rows[%d].", i), reflect.TypeFor[rowV1]()); err != nil {
			return Month{}, err
		}
	}
	var v monthV1
	if err := json.Unmarshal(b, &v); err != nil {
		return Month{}, err
	}
	return v.month()
}

func (v monthV1) month() (Month, error) {
	var p rates
	m := Month{SchemaVersion: 1, Period: v.Period, Closed: v.Closed, ClosedAt: v.ClosedAt, Fingerprint: v.Fingerprint,
		Plan: PlanRecord{PoolRate: p.get("Plan.PoolRate", v.Plan.PoolRate),
			Weights:      ComponentRates{p.get("Plan.Weights[0]", v.Plan.Weights[0]), p.get("Plan.Weights[1]", v.Plan.Weights[1]), p.get("Plan.Weights[2]", v.Plan.Weights[2])},
			MinResponses: v.Plan.MinResponses, SatisfactionFloor: p.get("Plan.SatisfactionFloor", v.Plan.SatisfactionFloor),
			GateMultiplier: p.get("Plan.GateMultiplier", v.Plan.GateMultiplier), MaxShare: p.get("Plan.MaxShare", v.Plan.MaxShare)},
		GrossSales: money.Cents(v.GrossSales), Cancellations: money.Cents(v.Cancellations), NetSales: money.Cents(v.NetSales),
		Pool: money.Cents(v.Pool), Allocated: money.Cents(v.Allocated), Unallocated: money.Cents(v.Unallocated),
		PoolDetail: &PoolDetail{Cap: money.Cents(v.Cap), CapEnabled: v.CapEnabled, Active: v.Active,
			Weights: ComponentRates{p.get("Weights[0]", v.Weights[0]), p.get("Weights[1]", v.Weights[1]), p.get("Weights[2]", v.Weights[2])}},
		Rows: make([]Row, 0, len(v.Rows))}
	if v.Closed {
		m.Close = &CloseInfo{}
	}
	for i, r := range v.Rows {
		at := func(f string) string { return fmt.Sprintf("Rows[%d].%s", i, f) }
		m.Rows = append(m.Rows, Row{Period: r.Period, RepID: r.RepID, RepName: r.RepName, Team: r.Team, Eligible: r.Eligible,
			NetSales: money.Cents(r.NetSales), NewCustomers: r.NewCustomers, Responses: r.Responses,
			CSAT: p.get(at("CSAT"), r.CSAT), ShareSales: p.get(at("ShareSales"), r.ShareSales), ShareNew: p.get(at("ShareNew"), r.ShareNew),
			ShareSat: p.get(at("ShareSat"), r.ShareSat), Score: p.get(at("Score"), r.Score), Multiplier: p.get(at("Multiplier"), r.Multiplier),
			Allocation: money.Cents(r.Allocation), Rank: Rank(r.Rank),
			RowDetail: &RowDetail{ExcludedReason: r.ExcludedReason, GrossSales: money.Cents(r.GrossSales), Cancellations: money.Cents(r.Cancellations),
				WonDeals: r.WonDeals, Satisfied: r.Satisfied, XSales: p.get(at("XSales"), r.XSales), XNewCustomers: p.get(at("XNewCustomers"), r.XNewCustomers),
				XSatisfaction: p.get(at("XSatisfaction"), r.XSatisfaction), Adjusted: p.get(at("Adjusted"), r.Adjusted), Capped: r.Capped,
				Raw: p.get(at("Raw"), r.Raw), Floor: money.Cents(r.Floor), ExtraCent: r.ExtraCent}})
		if r.Rank < 0 {
			return Month{}, fmt.Errorf("%s %d is negative", at("Rank"), r.Rank)
		}
	}
	return m, p.err
}

// rates parses a run of rates, keeping the first error.
type rates struct{ err error }

func (p *rates) get(field, s string) Rate {
	r, err := ParseRate(s)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("%s: %w", field, err)
	}
	return r
}

// requireGoKeys is requireKeys for untagged structs: the keys are the field
// names, exactly as encoding/json wrote them.
func requireGoKeys(b []byte, where string, t reflect.Type) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if obj == nil {
		return errors.New(where + " is null")
	}
	for i := range t.NumField() {
		if _, ok := obj[t.Field(i).Name]; !ok {
			return fmt.Errorf("%s%s is missing", where, t.Field(i).Name)
		}
	}
	return nil
}

package bonus

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/salesops/salesops/money"
)

// SchemaVersion is the version of the Month record this code writes.
// Version 1 is the untagged JSON of the former reports.Bonus that closes
// made before the record had a shape of its own (see month_legacy.go).
const SchemaVersion = 2

// Month is a month's bonus: what bonus-M.json publishes and, once the month
// is closed, what period_closes keeps. The json tags are the record's
// shape: renaming a Go field changes nothing stored, and a change of shape
// takes a new SchemaVersion and a reader for the old one.
type Month struct {
	// Generator is the salesops that wrote the published file
	// (buildinfo's label); the frozen record leaves it empty, its
	// close.version says which salesops closed the month.
	Generator     string      `json:"generator,omitempty"`
	SchemaVersion int         `json:"schema_version"`
	Period        string      `json:"period"`
	Closed        bool        `json:"closed"`
	ClosedAt      string      `json:"closed_at,omitempty"`   // RFC 3339; set when closed
	Fingerprint   string      `json:"fingerprint,omitempty"` // of the inputs the figures come from
	Plan          PlanRecord  `json:"plan"`
	GrossSales    money.Cents `json:"gross_sales"`
	Cancellations money.Cents `json:"cancellations"`
	NetSales      money.Cents `json:"net_sales"`
	Pool          money.Cents `json:"pool"`
	Allocated     money.Cents `json:"allocated"`
	Unallocated   money.Cents `json:"unallocated"`
	Close         *CloseInfo  `json:"close,omitempty"` // nil while the month is open
	Rows          []Row       `json:"rows"`
	// PoolDetail is the derivation the workbook shows. It is part of the
	// frozen record so a closed month's workbook renders from the record
	// alone; Published leaves it out of bonus-M.json, whose shape cli.md fixes.
	*PoolDetail `json:"pool_detail,omitempty"`
	// Adjustments owed to earlier closed months, shown with an open month;
	// computed at each run, never stored in the record.
	Adjustments []Adjustment `json:"-"`
	// Views are what the month's other reports read (KPI rows, dashboard,
	// scorecards, the workbook's detail), opaque to this package: a close
	// freezes them with the record, Store.Views gives them back.
	Views map[string][]byte `json:"-"`
	// ViewLines are statements, each with its arguments, that a close
	// runs in its transaction to copy the lines of a view too long to
	// hold in memory (the workbook's detail) into closed_detail_lines:
	// opaque too, written and read by the reports.
	ViewLines []Statement `json:"-"`
	// AwaitingApproval marks a closed month whose payroll files (bonus CSV
	// and JSON) bonus.require_approval withholds until a second person
	// approves it; the workbook says so.
	AwaitingApproval bool `json:"-"`
}

// CloseInfo is who signed the month, when, why and with what.
type CloseInfo struct {
	ClosedBy string `json:"closed_by"`
	// ClosedAt is Month.ClosedAt: RFC 3339 with the configured zone's
	// offset (records of closes before it was kept lack it).
	ClosedAt string `json:"closed_at,omitempty"`
	Reason   string `json:"reason"`  // why a close before the month's end was forced; "" otherwise
	Version  string `json:"version"` // of salesops
	// ApprovedBy and ApprovedAt are the second signature (salesops
	// approve). They are kept beside the record (period_approvals), which
	// stays as closed, and filled in when it is read; empty until approved.
	ApprovedBy string `json:"approved_by,omitempty"`
	ApprovedAt string `json:"approved_at,omitempty"`
}

// PoolDetail is the month-level derivation of the allocation.
type PoolDetail struct {
	Cap        money.Cents    `json:"cap"`
	CapEnabled bool           `json:"cap_enabled"`
	Active     [3]bool        `json:"active"`  // components that did not drop out
	Weights    ComponentRates `json:"weights"` // effective (renormalised) weights
}

// PlanRecord is the plan that produced the month, as exact rates.
type PlanRecord struct {
	PoolRate          Rate           `json:"pool_rate"`
	Weights           ComponentRates `json:"weights"`
	MinResponses      int64          `json:"min_responses"`
	SatisfactionFloor Rate           `json:"satisfaction_floor"`
	GateMultiplier    Rate           `json:"gate_multiplier"`
	MaxShare          Rate           `json:"max_share"` // null when the cap is disabled
	// RecoverClawbacks is left out when false, so records of plans
	// before it existed read as they were.
	RecoverClawbacks bool `json:"recover_clawbacks,omitempty"`
}

// Record is the plan as a Month stores it.
func (p Plan) Record() PlanRecord {
	return PlanRecord{PoolRate: RateOf(p.PoolRate),
		Weights:      ComponentRates{RateOf(p.Weights[0]), RateOf(p.Weights[1]), RateOf(p.Weights[2])},
		MinResponses: p.MinResponses, SatisfactionFloor: RateOf(p.SatisfactionFloor),
		GateMultiplier: RateOf(p.GateMultiplier), MaxShare: RateOf(p.MaxShare), RecoverClawbacks: p.RecoverClawbacks}
}

// Row is one rep's line (bonus.md "Rows of the bonus CSV and JSON"; the
// columns of cli.md's bonus CSV). An ineligible rep has null shares,
// score, multiplier and rank.
type Row struct {
	Period       string      `json:"period"`
	RepID        string      `json:"rep_id"`
	RepName      string      `json:"rep_name"`
	Team         string      `json:"team"`
	Eligible     bool        `json:"eligible"`
	NetSales     money.Cents `json:"net_sales"`
	NewCustomers int64       `json:"new_customers"`
	Responses    int64       `json:"responses"`
	CSAT         Rate        `json:"csat"`
	ShareSales   Rate        `json:"share_sales"`
	ShareNew     Rate        `json:"share_new_customers"`
	ShareSat     Rate        `json:"share_satisfaction"`
	Score        Rate        `json:"score"`
	Multiplier   Rate        `json:"multiplier"`
	Allocation   money.Cents `json:"allocation"`
	Rank         Rank        `json:"rank"`
	// Clawback is the rep's balance when the plan recovers clawbacks,
	// nil (and absent from the JSON) otherwise.
	Clawback *Clawback `json:"clawback,omitempty"`
	// RowDetail is the rep's derivation, for the workbook; frozen with the
	// month, left out of bonus-M.json like PoolDetail.
	*RowDetail `json:"detail,omitempty"`
}

// RowDetail is every intermediate figure of one rep's allocation.
type RowDetail struct {
	ExcludedReason string      `json:"excluded_reason"`
	GrossSales     money.Cents `json:"gross_sales"`
	Cancellations  money.Cents `json:"cancellations"`
	WonDeals       int64       `json:"won_deals"`
	Satisfied      int64       `json:"satisfied"`
	XSales         Rate        `json:"x_sales"`
	XNewCustomers  Rate        `json:"x_new_customers"`
	XSatisfaction  Rate        `json:"x_satisfaction"`
	Adjusted       Rate        `json:"adjusted"`
	Capped         bool        `json:"capped"`
	Raw            Rate        `json:"raw"`
	Floor          money.Cents `json:"floor"`
	ExtraCent      bool        `json:"extra_cent"`
}

// Adjustment is what a closed month would pay now beyond what it paid:
// the frozen allocation and, once a later close included an earlier
// adjustment, that settled amount too. An adjustment is paid once.
type Adjustment struct {
	ClosedPeriod string      `json:"closed_period"`
	RepID        string      `json:"rep_id"`
	Frozen       money.Cents `json:"frozen_allocation"`
	Current      money.Cents `json:"current_allocation"`
	Settled      money.Cents `json:"settled"` // paid by the closes of earlier months
}

// Difference is what is due: Current − Frozen − Settled.
func (a Adjustment) Difference() money.Cents { return a.Current - a.Frozen - a.Settled }

// Published is the month as bonus-M.json carries it: the record without
// the workbook's derivation.
func (m Month) Published() Month {
	m.PoolDetail = nil
	rows := make([]Row, len(m.Rows))
	for i, r := range m.Rows {
		r.RowDetail = nil
		rows[i] = r
	}
	m.Rows = rows
	return m
}

// Rank is a competition rank, 1 for the top; 0 (an ineligible rep) is null
// in JSON.
type Rank int

// MarshalJSON writes 0 as null.
func (r Rank) MarshalJSON() ([]byte, error) {
	if r == 0 {
		return []byte("null"), nil
	}
	return json.Marshal(int(r))
}

// UnmarshalJSON reads null as 0 and refuses a rank below 1.
func (r *Rank) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*r = 0
		return nil
	}
	var n int
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("rank %s: %w", b, err)
	}
	if n < 1 {
		return fmt.Errorf("rank %d is below 1 (an unranked rep is null)", n)
	}
	*r = Rank(n)
	return nil
}

// ComponentRates are per-component rates (sales, new customers,
// satisfaction), indexed like Plan.Weights and written as an object keyed
// by ComponentNames.
type ComponentRates [3]Rate

type componentRatesJSON struct {
	NewCustomers *Rate `json:"new_customers"`
	Sales        *Rate `json:"sales"`
	Satisfaction *Rate `json:"satisfaction"`
}

// MarshalJSON writes {"new_customers": …, "sales": …, "satisfaction": …}.
func (c ComponentRates) MarshalJSON() ([]byte, error) {
	return json.Marshal(componentRatesJSON{Sales: &c[CompSales], NewCustomers: &c[CompNewCustomers], Satisfaction: &c[CompSatisfaction]})
}

// UnmarshalJSON requires all three components.
func (c *ComponentRates) UnmarshalJSON(b []byte) error {
	var v componentRatesJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("component rates: %w", err)
	}
	for k, r := range []*Rate{v.Sales, v.NewCustomers, v.Satisfaction} {
		if r == nil {
			return fmt.Errorf("component rates: %s is missing", ComponentNames[k])
		}
		c[k] = *r
	}
	return nil
}

// Statement is one SQL statement and its arguments.
type Statement struct {
	SQL  string
	Args []any
}

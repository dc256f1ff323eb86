package config

import (
	"math/big"

	"github.com/salesops/salesops/period"
)

// Program is what the plan behind salesops spends each year to lift
// efficiency and the win rate by their targets (Targets): the reports set
// its cost to date against the gains measured since Start.
type Program struct {
	// Start is the first month of the programme, YYYY-MM; empty means the
	// month after the baseline, the first one measured against it.
	Start string       `yaml:"start"`
	Costs ProgramCosts `yaml:"costs"`
}

// ProgramCosts are yearly amounts in the base currency, charged pro rata
// by month from the programme's start.
type ProgramCosts struct {
	CRM       Decimal `yaml:"crm"`
	DataEntry Decimal `yaml:"data_entry"`
	Training  Decimal `yaml:"training"`
}

// ProgramCost is one cost line: its configuration key and yearly amount.
type ProgramCost struct {
	Key    string
	Yearly *big.Rat
}

// Lines are the cost lines in the order the reports show them.
func (c ProgramCosts) Lines() []ProgramCost {
	return []ProgramCost{{"crm", c.CRM.Rat()}, {"data_entry", c.DataEntry.Rat()}, {"training", c.Training.Rat()}}
}

// ProgramStart is the programme's first month: program.start, else the
// month after the baseline; ok is false when neither is configured, and
// the reports then have nothing to measure the programme against.
func (c Config) ProgramStart() (p period.Period, ok bool) {
	if c.Program.Start != "" {
		p, err := period.Parse(c.Program.Start)
		return p, err == nil
	}
	b, err := period.Parse(c.Targets.Baseline)
	if c.Targets.Baseline == "" || err != nil {
		return period.Period{}, false
	}
	return period.MonthOf(b.Last).Shift(1), true
}

// validate checks the costs are whole cents, not negative, and that the
// start is a month after the baseline: a programme month inside the
// baseline would be measured against itself.
func (p Program) validate(bad func(string, ...any), baseline string) {
	for _, l := range p.Costs.Lines() {
		key := "program.costs." + l.Key
		switch r := l.Yearly; {
		case r == nil:
			bad("%s: missing", key)
		case r.Sign() < 0:
			bad("%s: %s must not be negative", key, Decimal{r})
		case !new(big.Rat).Mul(r, big.NewRat(100, 1)).IsInt():
			bad("%s: %s is not an amount in whole cents (at most two decimal places)", key, Decimal{r})
		}
	}
	if p.Start == "" {
		return
	}
	s, err := period.Parse(p.Start)
	if err != nil || s.Kind != period.Month {
		bad("program.start: %q; want a month such as 2026-01", p.Start)
		return
	}
	b, err := period.Parse(baseline)
	if baseline != "" && err == nil && !s.First.After(b.Last) {
		bad("program.start: %s is not after the baseline %s; the programme is measured against the months before it", p.Start, baseline)
	}
}

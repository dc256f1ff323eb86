package jobs

import (
	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/reports"
)

// programmeOptions are the programme's settings as the reports take them:
// its first month (program.start, else the month after the baseline) and
// its yearly costs, which validation has held to whole cents.
func (j *job) programmeOptions() reports.ProgrammeOptions {
	cfg := j.Config
	opt := reports.ProgrammeOptions{PoolRate: cfg.Bonus.PoolRate.Rat(),
		EfficiencyLift: cfg.Targets.EfficiencyLift.Rat(), WinRateLift: cfg.Targets.WinRateLift.Rat()}
	if p, ok := cfg.ProgramStart(); ok {
		opt.Start = p.String()
	}
	for _, c := range cfg.Program.Costs.Lines() {
		opt.Costs = append(opt.Costs, reports.ProgrammeCost{Key: c.Key, Yearly: money.RoundHalfUpRat(c.Yearly)})
	}
	return opt
}

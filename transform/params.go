package transform

import (
	"log/slog"
	"math/big"
	"strings"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/period"
)

// PlanFromConfig turns the bonus section of the configuration into a Plan.
func PlanFromConfig(b config.Bonus) Plan {
	p := Plan{
		PoolRate:          b.PoolRate.Rat(),
		Weights:           [3]*big.Rat{b.Weights.Sales.Rat(), b.Weights.NewCustomers.Rat(), b.Weights.Satisfaction.Rat()},
		MinResponses:      int64(b.MinResponses),
		SatisfactionFloor: b.SatisfactionFloor.Rat(),
		GateMultiplier:    b.GateMultiplier.Rat(),
	}
	if b.MaxShare != nil {
		p.MaxShare = b.MaxShare.Rat()
	}
	return p
}

// Vars are the session variables the SQL models read with getvariable():
// the metric parameters of the configuration and the as_of date.
func Vars(cfg config.Config, asOf time.Time) map[string]any {
	v := map[string]any{
		"as_of":              asOf,
		"survey_scale":       cfg.Metrics.SurveyScale,
		"lead_window_days":   cfg.Metrics.LeadWindowDays,
		"coverage_days":      cfg.Metrics.CoverageDays,
		"active_days":        cfg.Metrics.ActiveDays,
		"baseline_start":     nil,
		"baseline_end":       nil,
		"efficiency_target":  cfg.Targets.EfficiencyLift.Rat(),
		"win_rate_target":    cfg.Targets.WinRateLift.Rat(),
		"followup_gap_days":  cfg.Audit.FollowupGapDays,
		"complaint_hours":    cfg.Audit.ComplaintHours,
		"presign_days":       cfg.Audit.PresignDays,
		"survey_days":        cfg.Audit.SurveyDays,
		"planned_grace_days": cfg.Audit.PlannedGraceDays,
	}
	if b, err := period.Parse(cfg.Targets.Baseline); err == nil && cfg.Targets.Baseline != "" {
		v["baseline_start"], v["baseline_end"] = b.Start(), b.End()
	}
	for _, c := range config.AuditChecks {
		v["audit_weight_"+strings.ToLower(c)] = cfg.Audit.Weights[c].Rat()
	}
	return v
}

// RateString renders an exact rate for machine-readable outputs: twelve
// decimal places (the spec asks agreement to 1e-9), trailing zeros trimmed.
// nil renders as the empty string (null).
func RateString(r *big.Rat) string {
	if r == nil {
		return ""
	}
	s := r.FloatString(12)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Standard is a production transform: the embedded models, the variables
// of cfg for asOf, and the bonus allocation step.
func Standard(cfg config.Config, asOf time.Time, log *slog.Logger) Options {
	return Options{Vars: Vars(cfg, asOf), Steps: []Step{BonusStep(PlanFromConfig(cfg.Bonus))}, Log: log}
}

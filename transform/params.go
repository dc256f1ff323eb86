package transform

import (
	"log/slog"
	"strings"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/period"
)

// Vars are the session variables the SQL models read with getvariable():
// the metric parameters of the configuration and the as_of date.
func Vars(cfg config.Config, asOf time.Time) map[string]any {
	v := map[string]any{
		"as_of":               asOf,
		"survey_scale":        cfg.Metrics.SurveyScale,
		"lead_window_days":    cfg.Metrics.LeadWindowDays,
		"coverage_days":       cfg.Metrics.CoverageDays,
		"active_days":         cfg.Metrics.ActiveDays,
		"baseline_start":      nil,
		"baseline_end":        nil,
		"efficiency_target":   cfg.Targets.EfficiencyLift.Rat(),
		"win_rate_target":     cfg.Targets.WinRateLift.Rat(),
		"followup_gap_days":   cfg.Audit.FollowupGapDays,
		"complaint_hours":     cfg.Audit.ComplaintHours,
		"presign_days":        cfg.Audit.PresignDays,
		"survey_days":         cfg.Audit.SurveyDays,
		"planned_grace_days":  cfg.Audit.PlannedGraceDays,
		"audit_response_days": cfg.Audit.ResponseDays,
		// The quarterly audit names its quarter (jobs); unset, every
		// quarter is audited (audit_quarters.sql).
		"audit_period": nil,
	}
	if b, err := period.Parse(cfg.Targets.Baseline); err == nil && cfg.Targets.Baseline != "" {
		v["baseline_start"], v["baseline_end"] = b.Start(), b.End()
	}
	for _, c := range config.AuditChecks {
		v["audit_weight_"+strings.ToLower(c)] = cfg.Audit.Weights[c].Rat()
	}
	return v
}

// Standard is a production transform: the embedded models, the variables
// of cfg for asOf, and the Go steps the caller registers (the bonus
// allocation, bonus.Plan.Step): transform runs what it is given and knows
// nothing of the bonus.
func Standard(cfg config.Config, asOf time.Time, log *slog.Logger, steps ...Step) Options {
	return Options{Vars: Vars(cfg, asOf), Steps: steps, Log: log}
}

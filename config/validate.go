package config

import (
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/period"
)

func (c *Config) validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if c.Version != Version {
		bad("version: %d is not supported; this salesops reads version %d", c.Version, Version)
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		bad("timezone: %q is not a known time zone", c.Timezone)
	}
	c.Location = loc
	if c.Schedule.Timezone != "" {
		if _, err := time.LoadLocation(c.Schedule.Timezone); err != nil {
			bad("schedule.timezone: %q is not a known time zone", c.Schedule.Timezone)
		}
	}
	if !isCurrency(c.BaseCurrency) {
		bad("base_currency: %q is not an ISO 4217 code", c.BaseCurrency)
	}
	if _, ok := i18n.Known(c.Language); !ok {
		bad("language: %q; want en or zh-CN", c.Language)
	}
	if c.Warehouse == "" {
		bad("warehouse: empty path")
	}
	if c.MemoryLimit != "" && !memoryRE.MatchString(c.MemoryLimit) {
		bad("memory_limit: %q; want a size such as 600MB or 2GB, or \"\" for DuckDB's default", c.MemoryLimit)
	}
	if c.Output == "" {
		bad("output: empty path")
	}
	checkFraction(bad, "reject_threshold", c.RejectThreshold, true)
	names := map[string]bool{}
	for i, s := range c.Sources {
		where := fmt.Sprintf("sources[%d]", i)
		if s.Name != "" {
			where = fmt.Sprintf("sources[%d] (%s)", i, s.Name)
			if names[s.Name] {
				bad("%s: the name is used twice", where)
			}
			names[s.Name] = true
		}
		if !slices.Contains(Kinds, s.Kind) {
			bad("%s: kind %q; want one of %s", where, s.Kind, strings.Join(Kinds, ", "))
		}
		switch {
		case s.Path == "" && s.URL == "":
			bad("%s: give a path (file or glob) or a url", where)
		case s.Path != "" && s.URL != "":
			bad("%s: give a path or a url, not both", where)
		case s.URL != "":
			u, err := url.Parse(s.URL)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				bad("%s: url %q is not an http(s) URL", where, RedactURL(s.URL))
			}
			if u != nil && u.User != nil {
				bad("%s: url carries credentials; put the token in an environment variable named by token_env", where)
			}
			if u != nil && u.Scheme == "http" && s.TokenEnv != "" && !s.Insecure {
				bad("%s: token_env with an http:// url would send the token in cleartext; use https, or set insecure: true to accept that", where)
			}
		}
		if s.Format != "" && !slices.Contains([]string{"csv", "tsv", "xlsx", "parquet", "jsonl"}, s.Format) {
			bad("%s: format %q; want csv, tsv, xlsx, parquet or jsonl", where, s.Format)
		}
		if s.Encoding != "" && !slices.Contains([]string{"auto", "utf-8", "utf-16", "gb18030", "gbk"}, strings.ToLower(s.Encoding)) {
			bad("%s: encoding %q; want auto, utf-8, utf-16 or gb18030", where, s.Encoding)
		}
		if s.Currency != "" && !isCurrency(s.Currency) {
			bad("%s: currency %q is not an ISO 4217 code", where, s.Currency)
		}
		if s.RejectThreshold != nil {
			checkFraction(bad, where+".reject_threshold", *s.RejectThreshold, true)
		}
		if s.URL == "" && (s.Insecure || s.Optional) {
			bad("%s: insecure and optional apply to a url source; a path with no files is already only a warning", where)
		}
		if s.Retries != nil && *s.Retries < 0 {
			bad("%s: retries must not be negative", where)
		}
		s.Limits.validate(bad, where)
	}
	m := c.Metrics
	if m.SurveyScale != 5 && m.SurveyScale != 10 {
		bad("metrics.survey_scale: %d; want 5 or 10", m.SurveyScale)
	}
	for name, v := range map[string]int{"metrics.lead_window_days": m.LeadWindowDays, "metrics.coverage_days": m.CoverageDays, "metrics.active_days": m.ActiveDays} {
		if v <= 0 {
			bad("%s: %d; want a positive number of days", name, v)
		}
	}
	if c.Targets.Baseline != "" {
		if _, err := period.Parse(c.Targets.Baseline); err != nil {
			bad("targets.baseline: %v", err)
		}
	}
	c.Program.validate(bad, c.Targets.Baseline)
	b := c.Bonus
	checkFraction(bad, "bonus.pool_rate", b.PoolRate, true)
	checkFraction(bad, "bonus.weights.sales", b.Weights.Sales, false)
	checkFraction(bad, "bonus.weights.new_customers", b.Weights.NewCustomers, false)
	checkFraction(bad, "bonus.weights.satisfaction", b.Weights.Satisfaction, false)
	checkFraction(bad, "bonus.satisfaction_floor", b.SatisfactionFloor, true)
	checkFraction(bad, "bonus.gate_multiplier", b.GateMultiplier, true)
	if b.MaxShare != nil {
		checkFraction(bad, "bonus.max_share", *b.MaxShare, true)
	}
	if b.MinResponses < 1 {
		bad("bonus.min_responses: %d; want at least 1", b.MinResponses)
	}
	// The audit's windows and thresholds are lengths of time: a negative
	// one has no meaning, and its SQL (audit_opp_deals' blocks of a
	// window's length) assumes none.
	a := c.Audit
	for _, f := range []struct {
		name string
		v    int
	}{{"followup_gap_days", a.FollowupGapDays}, {"complaint_hours", a.ComplaintHours}, {"presign_days", a.PresignDays},
		{"survey_days", a.SurveyDays}, {"planned_grace_days", a.PlannedGraceDays}, {"response_days", a.ResponseDays}} {
		if f.v < 0 {
			bad("audit.%s: %d; want 0 or more", f.name, f.v)
		}
	}
	for k, v := range c.Audit.Weights {
		if !slices.Contains(AuditChecks, k) {
			bad("audit.weights: unknown check %q; the checks are A1..A9", k)
		}
		checkFraction(bad, "audit.weights."+k, v, false)
	}
	for k := range c.Schedule.Jobs {
		if !slices.Contains(Jobs, k) {
			bad("schedule.jobs: unknown job %q; the jobs are %s", k, strings.Join(Jobs, ", "))
		}
	}
	if c.Schedule.Retries < 0 {
		bad("schedule.retries must not be negative")
	}
	return errors.Join(errs...)
}

// checkFraction requires 0 ≤ v, and v ≤ 1 when upToOne.
func checkFraction(bad func(string, ...any), name string, d Decimal, upToOne bool) {
	r := d.Rat()
	switch {
	case r == nil:
		bad("%s: missing", name)
	case r.Sign() < 0:
		bad("%s: %s must not be negative", name, d)
	case upToOne && r.Cmp(big.NewRat(1, 1)) > 0:
		bad("%s: %s must be at most 1 (write 5%% as 0.05)", name, d)
	}
}

var memoryRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)? ?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$`)

func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// Package config owns salesops.yaml: its schema, its defaults, strict
// decoding (an unknown key is an error naming the key and line) and the
// validation that turns a typo into exit code 2 before any data is touched.
// Decimal settings are read from the YAML text into exact rationals, so a
// pool rate of 0.05 is exactly 1/20, never a binary float.
package config

import (
	"time"
)

// Version is the configuration schema this build reads.
const Version = 1

// Config is the whole file. Every field but Sources has a default.
type Config struct {
	Version      int    `yaml:"version"`
	Timezone     string `yaml:"timezone"`
	BaseCurrency string `yaml:"base_currency"`
	Language     string `yaml:"language"`
	Warehouse    string `yaml:"warehouse"`
	// MemoryLimit caps DuckDB's memory (it spills to disk beyond it);
	// "" leaves DuckDB's own default of 80% of the machine.
	MemoryLimit string `yaml:"memory_limit"`
	Output      string `yaml:"output"`
	// PDF also prints each job's HTML reports to PDF with headless
	// Chromium, as `run --pdf` does; without Chromium a run warns.
	PDF             bool     `yaml:"pdf"`
	RejectThreshold Decimal  `yaml:"reject_threshold"`
	Sources         []Source `yaml:"sources"`
	Metrics         Metrics  `yaml:"metrics"`
	Targets         Targets  `yaml:"targets"`
	Bonus           Bonus    `yaml:"bonus"`
	Audit           Audit    `yaml:"audit"`
	Schedule        Schedule `yaml:"schedule"`
	Program         Program  `yaml:"program"`

	// Dir is the folder of the file the configuration came from; relative
	// paths in it are resolved against Dir, not the working directory.
	Dir string `yaml:"-"`
	// Location is Timezone, loaded.
	Location *time.Location `yaml:"-"`
}

// Source is one export to pull: a drop-folder glob or an HTTP(S) URL.
type Source struct {
	Name     string `yaml:"name"`
	Kind     string `yaml:"kind"`
	Path     string `yaml:"path"`
	URL      string `yaml:"url"`
	TokenEnv string `yaml:"token_env"` // the bearer token is read from this environment variable
	Format   string `yaml:"format"`    // csv, tsv, xlsx, parquet, jsonl; empty: from the file name
	Encoding string `yaml:"encoding"`  // auto, utf-8, utf-16, gb18030
	Sheet    string `yaml:"sheet"`
	// Delimiter pins the CSV delimiter; empty means detect.
	Delimiter string `yaml:"delimiter"`
	// Columns maps a header in the file to a field of the kind.
	Columns map[string]string `yaml:"columns"`
	// Values maps, per field, a value in the file to the canonical value.
	Values map[string]map[string]string `yaml:"values"`
	// DateLayout pins the layout of dates in this source (Go reference
	// layout, e.g. "01/02/2006" for M/D/YYYY exports).
	DateLayout      string   `yaml:"date_layout"`
	Currency        string   `yaml:"currency"`
	RejectThreshold *Decimal `yaml:"reject_threshold"`
	// Timeout bounds one download attempt; 0: DefaultSourceTimeout.
	Timeout Duration `yaml:"timeout"`
	// Retries after a failed download: nil (unset) is
	// DefaultSourceRetries, 0 is one attempt and no retry, which an
	// int could not tell apart. Read it with RetryCount.
	Retries *int `yaml:"retries"`
	// Insecure allows token_env on an http:// url, where the token
	// crosses the network in cleartext; without it that is an error.
	Insecure bool `yaml:"insecure"`
	// Optional lets a run go on when the url cannot be fetched, on what
	// the warehouse already holds from this source, with a warning.
	Optional bool `yaml:"optional"`
	// Limits bound what one file of the source may cost to read; unset
	// fields take DefaultLimits (limits.go).
	Limits Limits `yaml:"limits"`
	// FollowSymlinks reads a symlink in the source's folder wherever it
	// points; without it a link leaving the folder is reported, not read.
	FollowSymlinks bool `yaml:"follow_symlinks"`
}

// Metrics holds the parameters of metrics.md.
type Metrics struct {
	LeadWindowDays int `yaml:"lead_window_days"` // W of lead conversion
	SurveyScale    int `yaml:"survey_scale"`     // 5 or 10
	CoverageDays   int `yaml:"coverage_days"`
	ActiveDays     int `yaml:"active_days"`
}

// Targets are leadership's goals against a baseline range of months.
type Targets struct {
	Baseline       string  `yaml:"baseline"` // YYYY-MM..YYYY-MM
	EfficiencyLift Decimal `yaml:"efficiency_lift"`
	WinRateLift    Decimal `yaml:"win_rate_lift"`
}

// Bonus is the plan of bonus.md.
type Bonus struct {
	PoolRate          Decimal  `yaml:"pool_rate"`
	Weights           Weights  `yaml:"weights"`
	MinResponses      int      `yaml:"min_responses"`
	SatisfactionFloor Decimal  `yaml:"satisfaction_floor"`
	GateMultiplier    Decimal  `yaml:"gate_multiplier"`
	MaxShare          *Decimal `yaml:"max_share"` // null disables the cap
	// RequireApproval withholds the payroll files (bonus CSV, JSON) of a
	// month until a second person, not its closer, approves the close.
	RequireApproval bool `yaml:"require_approval"`
	// Statements makes the monthly job write each rep's private statement
	// (M/statements/) besides the finance workbook; off by default, since
	// handing out pay is a decision finance takes, not a side effect.
	Statements bool `yaml:"statements"`
	// RecoverClawbacks carries a rep's negative net sales forward: the
	// balance is taken off the rep's sales component in later months
	// until recovered (docs/bonus.md). Off by default.
	RecoverClawbacks bool `yaml:"recover_clawbacks"`
}

// Weights of the bonus components.
type Weights struct {
	Sales        Decimal `yaml:"sales"`
	NewCustomers Decimal `yaml:"new_customers"`
	Satisfaction Decimal `yaml:"satisfaction"`
}

// Audit holds the thresholds and weights of audit.md.
type Audit struct {
	FollowupGapDays  int                `yaml:"followup_gap_days"`
	ComplaintHours   int                `yaml:"complaint_hours"`
	PresignDays      int                `yaml:"presign_days"`
	SurveyDays       int                `yaml:"survey_days"`
	PlannedGraceDays int                `yaml:"planned_grace_days"`
	ResponseDays     int                `yaml:"response_days"` // a finding is due this many days after the audited quarter's end
	Weights          map[string]Decimal `yaml:"weights"`
}

// Schedule is when `salesops schedule` starts each job.
type Schedule struct {
	Timezone string            `yaml:"timezone"` // empty: the top-level timezone
	Jobs     map[string]string `yaml:"jobs"`     // job name → 5-field cron
	Retries  int               `yaml:"retries"`
	Backoff  Duration          `yaml:"backoff"`
	Grace    Duration          `yaml:"grace"`
	CatchUp  *bool             `yaml:"catch_up"`
}

// Kinds lists the export kinds of exports.md.
var Kinds = []string{"reps", "customers", "sales", "followups", "surveys", "tickets", "fx_rates"}

// Jobs lists the jobs `salesops run` and the scheduler know.
var Jobs = []string{"refresh", "monthly-bonus", "quarterly-audit"}

// AuditChecks lists the audit checks of audit.md.
var AuditChecks = []string{"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"}

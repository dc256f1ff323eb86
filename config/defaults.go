package config

import "time"

// The download defaults of a url source that sets no timeout or retries.
const (
	DefaultSourceTimeout = 60 * time.Second
	DefaultSourceRetries = 3
)

// DownloadTimeout is the source's timeout per attempt, or the default.
func (s Source) DownloadTimeout() time.Duration {
	if s.Timeout <= 0 {
		return DefaultSourceTimeout
	}
	return s.Timeout.D()
}

// RetryCount is how many times a failed download is tried again:
// retries as written (0 included), or the default when unset.
func (s Source) RetryCount() int {
	if s.Retries == nil {
		return DefaultSourceRetries
	}
	return *s.Retries
}

// Default returns the configuration every unset field falls back to.
func Default() Config {
	maxShare := D("0.3")
	catchUp := true
	return Config{
		Version:         Version,
		Timezone:        "Asia/Shanghai",
		BaseCurrency:    "CNY",
		Language:        "en",
		Warehouse:       "salesops.duckdb",
		MemoryLimit:     "600MB",
		Output:          "reports",
		RejectThreshold: D("0.01"),
		Metrics:         Metrics{LeadWindowDays: 90, SurveyScale: 5, CoverageDays: 30, ActiveDays: 364},
		Targets:         Targets{EfficiencyLift: D("0.20"), WinRateLift: D("0.15")},
		// The plan's yearly budget: a CRM, data entry and training.
		Program: Program{Costs: ProgramCosts{CRM: D("50000"), DataEntry: D("20000"), Training: D("100000")}},
		Bonus: Bonus{
			PoolRate:          D("0.05"),
			Weights:           Weights{Sales: D("0.6"), NewCustomers: D("0.2"), Satisfaction: D("0.2")},
			MinResponses:      3,
			SatisfactionFloor: D("0.6"),
			GateMultiplier:    D("0.5"),
			MaxShare:          &maxShare,
			RequireApproval:   false,
			RecoverClawbacks:  false,
		},
		Audit: Audit{
			FollowupGapDays: 30, ComplaintHours: 168, PresignDays: 180, SurveyDays: 60, PlannedGraceDays: 3, ResponseDays: 14,
			Weights: map[string]Decimal{"A1": D("1"), "A2": D("1"), "A3": D("1"), "A4": D("1"), "A5": D("1"), "A6": D("1"), "A7": D("1"), "A8": D("1"), "A9": D("1")},
		},
		Schedule: Schedule{
			Jobs: map[string]string{
				"refresh":         "0 7 * * *",
				"monthly-bonus":   "0 6 1 * *",
				"quarterly-audit": "30 6 2 1,4,7,10 *",
			},
			Retries: 2,
			Backoff: Duration(60e9),
			Grace:   Duration(300e9),
			CatchUp: &catchUp,
		},
	}
}

// DefaultLimits bound a file of a source that sets no limits: far above
// any real export (a thousand columns, a megabyte in one cell or line, a
// gigabyte of unzipped workbook), far below what would exhaust memory.
// The inflate ratio is Apache POI's: a zip part that unzips to more than
// 100 times its compressed size is refused.
func DefaultLimits() Limits {
	return Limits{
		MaxColumns:       1000,
		MaxCellBytes:     1 << 20,
		MaxLineBytes:     1 << 20,
		MaxUnzippedBytes: 1 << 30,
		MaxInflateRatio:  100,
	}
}

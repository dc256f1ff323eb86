package jobs

import (
	"context"
	"html"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesops/salesops/config"
)

// program.* reaches the monthly dashboard and the quarterly audit from the
// configuration's text. bonus_case.sql has no baseline, so only the costs
// show, with the note that the lifts cannot be measured. Costs to date:
// October is the 4th month from July: 60,000 × 4/12 = 20,000.00,
// 20,000 × 4/12 = 6,666.666… → 6,666.67, 100,000 × 4/12 = 33,333.33;
// 60,000.00 in all. Q3 is July to September, 3 months: 15,000.00 +
// 5,000.00 + 25,000.00 = 45,000.00.
func TestProgrammeReachesTheReports(t *testing.T) {
	ctx := context.Background()
	r, _, out := testRunner(t)
	cfg, err := config.Parse(filepath.Join(r.Config.Dir, "salesops.yaml"), []byte("version: 1\nprogram: {start: 2026-07, costs: {crm: 60000}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	r.Config = cfg
	for _, tc := range []struct {
		job, period, file string
		want              []string
	}{
		{JobMonthlyBonus, "2026-10", "dashboard-2026-10.html", []string{"Since 2026-07, through 2026-10: 4 months.",
			"¥20,000.00", "¥6,666.67", "¥33,333.33", `data-figure="cost-to-date">¥60,000.00<`, "No baseline configured"}},
		{JobQuarterlyAudit, "2026-Q3", "audit-2026-Q3.html", []string{"Since 2026-07, through 2026-09: 3 months.",
			"¥15,000.00", "¥5,000.00", "¥25,000.00", `data-figure="cost-to-date">¥45,000.00<`, "No baseline configured"}},
	} {
		t.Run(tc.job, func(t *testing.T) {
			if _, err := r.Run(ctx, Request{Job: tc.job, Period: tc.period}); err != nil {
				t.Fatal(err)
			}
			page := html.UnescapeString(string(read(t, filepath.Join(out, tc.period, tc.file))))
			for _, s := range tc.want {
				if !strings.Contains(page, s) {
					t.Errorf("%s lacks %q", tc.file, s)
				}
			}
		})
	}
}

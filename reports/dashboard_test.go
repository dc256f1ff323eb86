package reports

import (
	"context"
	"html"
	"math/big"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/salesops/salesops/config"
)

func dashOptions(out, lang string) DashboardOptions {
	o := DashboardOptions{Period: "2026-10", Language: lang, OutDir: out, AsOf: syntheticAsOf, BaseCurrency: "CNY"}
	o.Targets.EfficiencyLift, o.Targets.WinRateLift = big.NewRat(1, 5), big.NewRat(3, 20)
	return o
}

// syntheticConfig has a 2025 baseline, so lifts show.
func syntheticConfig() config.Config {
	cfg := config.Default()
	cfg.Targets.Baseline = "2025-01..2025-12"
	return cfg
}

func TestWriteDashboardContent(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, lang string
		fixture    func(t *testing.T) *config.Config
		want       []string // plain texts the page must contain (escaped as HTML)
	}{
		{"hand-computed case, en", "en", nil, []string{"Sales dashboard — October 2026", "¥16,934.56", "¥13,434.56", "62.5%", "75.0%",
			"provisional", "Lead conversion is provisional", "+88.2%", "+25.0%", "on target", "¥1,881.62", "243", "83.3%",
			"Leads (first touch)", "Followed up", "33.3%", "20.0%", "Deals of reps not in the roster", "S999"}},
		{"hand-computed case, zh-CN", "zh-CN", nil, []string{"销售仪表盘 — 2026年10月", "净销售额", "¥13,434.56", "成交率", "暂定", "客户开发", "流失风险客户"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := caseWarehouse(t)
			path, err := WriteDashboard(ctx, w.DB, dashOptions(t.TempDir(), tt.lang))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			page := string(b)
			text := html.UnescapeString(page)
			for _, s := range tt.want {
				if !strings.Contains(text, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			checkDashboardSafe(t, page, false)
		})
	}
}

var chartDivRE = regexp.MustCompile(`<div class="chart[^"]*" id="([a-z-]+)"`)
var chartSpecRE = regexp.MustCompile(`"ID":"([a-z-]+)"`)

// checkDashboardSafe: the hostile names appear only escaped, nothing
// reaches for the network, and each chart element has its options.
func checkDashboardSafe(t *testing.T, page string, hostileCustomer bool) {
	t.Helper()
	if strings.Contains(page, "<img src=x") || strings.Contains(page, "onerror=alert(1)>") {
		t.Error("a hostile name reached the page unescaped")
	}
	if hostileCustomer && !strings.Contains(page, "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the hostile customer name is not shown as text")
	}
	if n := strings.Count(page, "</script>"); n != 3 {
		t.Errorf("%d closing script tags, want 3 (the shell's two and the explore data's)", n)
	}
	for _, bad := range []string{"src=\"http", "href=\"http", "url(http", "@import"} {
		if strings.Contains(page, bad) {
			t.Errorf("page references the network: %q", bad)
		}
	}
	var divs, specs []string
	for _, m := range chartDivRE.FindAllStringSubmatch(page, -1) {
		divs = append(divs, m[1])
	}
	for _, m := range chartSpecRE.FindAllStringSubmatch(page, -1) {
		specs = append(specs, m[1])
	}
	slices.Sort(divs)
	slices.Sort(specs)
	if !slices.Equal(divs, specs) || len(divs) < 7 {
		t.Errorf("chart elements %v, chart options %v", divs, specs)
	}
}

package reports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/salesops/salesops/internal/cli"
	"github.com/salesops/salesops/reports"
)

// demoCards reads the dashboard's cards, funnel and bonus chart as the
// reader sees them: arrows, tone, the computed colour of each figure.
const demoCards = `(() => {
  const cs = getComputedStyle(document.documentElement);
  const out = {cards: {}, headline: [], funnel: [], funnelChart: [], bonusBars: -1,
    good: '', bad: '', ink: ''};
  const probe = document.createElement('span');
  document.body.appendChild(probe);
  for (const k of ['good', 'bad', 'ink']) { probe.style.color = 'var(--' + k + ')'; out[k] = getComputedStyle(probe).color; }
  document.querySelectorAll('.card[data-kpi]').forEach(c => {
    const a = c.querySelector('.arrow'), b = c.querySelector('.badge');
    out.cards[c.dataset.kpi] = {arrow: a ? a.textContent : '', tone: c.dataset.tone, badge: b ? b.textContent : '',
      color: getComputedStyle(c.querySelector('.v')).color, pct: [...c.querySelectorAll('.pct')].map(p => p.textContent)};
  });
  document.querySelectorAll('#headline .card').forEach(c => out.headline.push(c.dataset.kpi));
  document.querySelectorAll('#funnel-table tbody tr').forEach(r => out.funnel.push(+r.cells[1].textContent.replace(/,/g, '')));
  (window.salesopsCharts || []).forEach(c => {
    const o = c.getOption(), id = c.getDom().id;
    if (id === 'ch-bonus') { out.bonusBars = o.series[0].data.length; }
    if (id === 'ch-funnel') { out.funnelChart = o.series[0].data.map(Number).reverse(); }
  });
  return JSON.stringify(out);
})()`

// TestDemoDashboardCards opens the demo's October 2026 dashboard (as of
// 2026-11-15), where cancellations rose (bad), the average cycle fell
// (good) and lead conversion is still provisional.
func TestDemoDashboardCards(t *testing.T) {
	reports.NeedTool(t, reports.ChromiumBin)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := cli.Run(context.Background(), []string{"demo", "--out", out, "--as-of", "2026-11-15"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("demo exited %d: %s", code, stderr.String())
	}
	path := filepath.Join(out, "reports", "2026-10", "dashboard-2026-10.html")
	ctx, cancel := reports.NewBrowser(t, 1400, 1000)
	defer cancel()
	if _, err := reports.LoadReport(ctx, path, &reports.PageProbe{}); err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](demoCards))
	if err != nil {
		t.Fatal(err)
	}
	type card struct {
		Arrow, Tone, Badge, Color string
		Pct                       []string
	}
	var got struct {
		Cards               map[string]card
		Headline            []string
		Funnel, FunnelChart []int64
		BonusBars           int
		Good, Bad, Ink      string
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		kpi, arrow, tone, color string
		badge                   bool
	}{
		{"cancellations", "▲", "bad", got.Bad, false},
		{"avg_cycle_days", "▼", "good", got.Good, false},
		{"lead_conversion", "", "neutral", got.Ink, true},
	} {
		c, ok := got.Cards[tt.kpi]
		if !ok {
			t.Errorf("no %s card", tt.kpi)
			continue
		}
		if (tt.arrow != "" && c.Arrow != tt.arrow) || c.Tone != tt.tone || c.Color != tt.color || (tt.badge && c.Badge == "") {
			t.Errorf("%s: arrow %q tone %q colour %s badge %q; want arrow %q tone %q colour %s, badge %v",
				tt.kpi, c.Arrow, c.Tone, c.Color, c.Badge, tt.arrow, tt.tone, tt.color, tt.badge)
		}
		if len(c.Pct) != 2 {
			t.Errorf("%s: changes %q, want against last month and last year", tt.kpi, c.Pct)
		}
	}
	want := []string{"net_sales", "bonus_pool", "new_customers", "csat", "win_rate", "efficiency", "audit_score"}
	if len(got.Headline) != len(want) {
		t.Errorf("headline row %v, want %v", got.Headline, want)
	}
	for i := range min(len(want), len(got.Headline)) {
		if got.Headline[i] != want[i] {
			t.Errorf("headline row %v, want %v", got.Headline, want)
			break
		}
	}
	for name, f := range map[string][]int64{"table": got.Funnel, "chart": got.FunnelChart} {
		if len(f) != 4 {
			t.Errorf("funnel %s has %d stages: %v", name, len(f), f)
		}
		for i := 1; i < len(f); i++ {
			if f[i] > f[i-1] {
				t.Errorf("funnel %s rises at stage %d: %v", name, i+1, f)
			}
		}
	}
	if got.BonusBars < 1 || got.BonusBars > 11 {
		t.Errorf("bonus chart has %d bars, want 1 to 11", got.BonusBars)
	}
}

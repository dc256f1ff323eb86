package reports

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/money"
)

// chartsReadBack compares what ECharts holds of each chart with the
// options the page embedded (want): every chart has its element and was
// drawn, and every option we set is in ECharts' model with the same
// value. ECharts holds a component (legend, tooltip, an axis) as an array
// of one; that is the only difference allowed. The page's scripts may add
// options (formatters, click targets) but not change ours.
const chartsReadBack = `((want) => {
  const made = {};
  (window.salesopsCharts || []).forEach(c => { made[c.getDom().id] = c; });
  const problems = [];
  const show = v => JSON.stringify(v === undefined ? null : v).slice(0, 80);
  const same = (path, a, b) => {
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) { problems.push(path + ': ' + show(a) + ' became ' + show(b)); return; }
      a.forEach((x, i) => same(path + '[' + i + ']', x, b[i]));
    } else if (a !== null && typeof a === 'object') {
      if (Array.isArray(b) && b.length === 1) { b = b[0]; }
      if (b === null || typeof b !== 'object') { problems.push(path + ': ' + show(a) + ' became ' + show(b)); return; }
      Object.keys(a).forEach(k => same(path + '.' + k, a[k], b[k]));
    } else if (a !== b && !(a === null && b === undefined)) {
      problems.push(path + ': ' + show(a) + ' became ' + show(b));
    }
  };
  want.forEach(w => {
    const c = made[w.ID];
    if (!c) { problems.push(w.ID + ': no chart'); return; }
    const cv = c.getDom().querySelector('canvas');
    if (!cv || cv.width === 0) { problems.push(w.ID + ': no canvas'); }
    same(w.ID, w.Option, c.getOption());
  });
  return JSON.stringify({charts: Object.keys(made).length, problems: problems});
})`

var pageSpecs = regexp.MustCompile(`(?m)^\s*var specs = (.*);$`)

// TestChartsRoundTripInChromium opens every report that draws charts (the
// dashboard with all of its charts, the audit, and a bonus chart long
// enough for its grey "others" bar) and checks ECharts took every chart's
// go-echarts options as written, with no console error.
func TestChartsRoundTripInChromium(t *testing.T) {
	needTool(t, chromiumPath)
	pages := map[string]func(t *testing.T) string{
		"dashboard": func(t *testing.T) string {
			w := buildWarehouse(t, syntheticCompany(24, 900), syntheticConfig(), syntheticAsOf)
			path, err := WriteDashboard(context.Background(), w.DB, dashOptions(t.TempDir(), "zh-CN"))
			if err != nil {
				t.Fatal(err)
			}
			return path
		},
		"audit": func(t *testing.T) string {
			_, paths := writeAuditFor(t, auditDB(t), "en")
			return paths[0]
		},
		"bonus-others": func(t *testing.T) string {
			b := &bonusSummary{}
			for i := range bonusTopN + 3 {
				b.Allocations = append(b.Allocations, bonusSlice{RepID: fmt.Sprint(i), Name: fmt.Sprintf("rep %d", i), Amount: money.Cents(100000 - 1000*i)})
			}
			p := Page{Lang: "en", Title: "bonus", Content: `<div class="chart" id="ch-bonus"></div>`,
				Charts: []Chart{newChart("ch-bonus", bonusChart(b, func(k string) string { return i18n.EN.T(k) }))}}
			path := filepath.Join(t.TempDir(), "bonus.html")
			if err := WriteFile(context.Background(), path, p.Render); err != nil {
				t.Fatal(err)
			}
			return path
		},
	}
	want := map[string]int{"dashboard": 9, "audit": 2, "bonus-others": 1}
	for name, write := range pages {
		t.Run(name, func(t *testing.T) {
			path := write(t)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m := pageSpecs.FindSubmatch(b)
			if m == nil {
				t.Fatal("no chart options in the page")
			}
			var specs []struct {
				ID     string
				Option map[string]json.RawMessage
			}
			if err := json.Unmarshal(m[1], &specs); err != nil {
				t.Fatalf("the page's chart options are not JSON: %v", err)
			}
			if len(specs) != want[name] {
				t.Errorf("%d charts in the page, want %d", len(specs), want[name])
			}
			ctx, cancel := newBrowser(t, 1366, 900)
			defer cancel()
			var probe pageProbe
			if _, err := loadReport(ctx, path, &probe); err != nil {
				t.Fatalf("loading %s: %v", path, err)
			}
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](chartsReadBack+"("+string(m[1])+")"))
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Charts   int
				Problems []string
			}
			if err := json.Unmarshal([]byte(raw), &got); err != nil {
				t.Fatal(err)
			}
			if got.Charts != len(specs) || len(got.Problems) > 0 {
				t.Errorf("%d charts made of %d; ECharts did not take the options as written: %q", got.Charts, len(specs), got.Problems)
			}
			time.Sleep(200 * time.Millisecond) // late console events
			probe.mu.Lock()
			defer probe.mu.Unlock()
			if len(probe.errors) > 0 || len(probe.requests) > 0 {
				t.Errorf("console errors %q, requests %q", probe.errors, probe.requests)
			}
		})
	}
}

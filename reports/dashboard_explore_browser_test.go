package reports

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/salesops/salesops/money"
)

// exploreRead reads back what the reader sees: every chart's series from
// ECharts and the visible rows of every table.
const exploreRead = `(() => {
  const out = {filter: document.documentElement.getAttribute('data-filter'), charts: {}, tables: {}};
  (window.salesopsCharts || []).forEach(c => {
    const o = c.getOption();
    const cats = (o.xAxis || []).concat(o.yAxis || []).filter(a => a.type === 'category').map(a => a.data)[0] || [];
    out.charts[c.getDom().id] = {cats: cats.map(String),
      series: (o.series || []).map(s => (s.data || []).map(d => d !== null && typeof d === 'object' ? d.value : d))};
  });
  document.querySelectorAll('table[id]').forEach(t => {
    out.tables[t.id] = [...t.querySelectorAll('tbody tr')].filter(r => !r.hidden && r.offsetParent !== null)
      .map(r => [...r.cells].map(c => c.textContent.trim()));
  });
  return JSON.stringify(out);
})()`

type exploreSeen struct {
	Filter string
	Charts map[string]struct {
		Cats   []string
		Series [][]*float64
	}
	Tables map[string][][]string
}

func readExplore(t *testing.T, ctx context.Context) exploreSeen {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](exploreRead))
	if err != nil {
		t.Fatal(err)
	}
	var s exploreSeen
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// clickBar clicks, with the mouse, the middle of the bar of category cat
// in the first series of chart id, as a reader would.
func clickBar(t *testing.T, ctx context.Context, id, cat string) {
	t.Helper()
	js := fmt.Sprintf(`(() => {
	  const c = window.salesopsCharts.find(c => c.getDom().id === %q);
	  c.getDom().scrollIntoView({block: 'center'});
	  const i = c.getOption().xAxis[0].data.indexOf(%q);
	  const b = c.getModel().getSeriesByIndex(0).getData().getItemLayout(i);
	  const r = c.getDom().getBoundingClientRect();
	  return [r.left + b.x + b.width / 2, r.top + b.y + b.height / 2];
	})()`, id, cat)
	xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
	if err != nil || len(xy) != 2 {
		t.Fatalf("locating the bar %q of %s: %v", cat, id, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.MouseClickXY(xy[0], xy[1])); err != nil {
		t.Fatal(err)
	}
}

// waitFilter waits until the page says it applied a filter other than
// before (the dashboard sets data-filter on <html> each time).
func waitFilter(t *testing.T, ctx context.Context, before string) string {
	t.Helper()
	for range 50 {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.getAttribute('data-filter') || ''`))
		if err != nil {
			t.Fatal(err)
		}
		if got != "" && got != before {
			return got
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the page applied no filter (data-filter stayed %q): no cross-filtering", before)
	return ""
}

// TestDashboardExploreInChromium clicks a team's bar on the synthetic
// company's dashboard and holds every chart and table against the team's
// own rows in the warehouse, then drills to a rep of the team and holds
// the deals listed against deal_events.
func TestDashboardExploreInChromium(t *testing.T) {
	needTool(t, chromiumPath)
	ctx := context.Background()
	w := buildWarehouse(t, syntheticCompany(24, 900), syntheticConfig(), syntheticAsOf)
	path, err := WriteDashboard(ctx, w.DB, dashOptions(t.TempDir(), "en"))
	if err != nil {
		t.Fatal(err)
	}
	bctx, cancel := newBrowser(t, 1366, 900)
	defer cancel()
	probe := &pageProbe{}
	if _, err := loadReport(bctx, path, probe); err != nil {
		t.Fatal(err)
	}
	all := readExplore(t, bctx)
	probe.mu.Lock()
	if len(probe.errors) > 0 {
		t.Fatalf("the page failed to load: %q", probe.errors)
	}
	probe.mu.Unlock()
	const team = "华东二组" // holds the hostile-named rep R001
	clickBar(t, bctx, "ch-teams", team)
	waitFilter(t, bctx, all.Filter)
	got := readExplore(t, bctx)
	want := teamExpect(t, w.DB, team)
	if s := printedBar(t, bctx); s != "flex|none|Filter: Team "+team {
		t.Errorf("printed, the filter bar reads %q; want only what it filters", s)
	}

	if c := got.Charts["ch-teams"]; !slices.Equal(c.Cats, []string{team}) {
		t.Errorf("teams chart after the click shows %v, want only %s", c.Cats, team)
	}
	if c := got.Charts["ch-regions"]; !slices.Equal(c.Cats, want.regions) {
		t.Errorf("regions chart shows %v, want the team's %v", c.Cats, want.regions)
	}
	trend := got.Charts["ch-trend"]
	if len(trend.Series) != 3 || !sameCents(trend.Series[2], want.net) || !sameCents(trend.Series[0], want.gross) {
		t.Errorf("trend: net %v gross %v;\nwant the team's net %v gross %v", seriesValues(trend.Series, 2), seriesValues(trend.Series, 0), want.net, want.gross)
	}
	if c := got.Charts["ch-csat"]; len(c.Series) != 1 || !sameRates(c.Series[0], want.csat) {
		t.Errorf("CSAT trend %v, want the team's %v", seriesValues(c.Series, 0), want.csat)
	}
	if c := got.Charts["ch-rates"]; len(c.Series) < 1 || !sameRates(c.Series[0], want.win) {
		t.Errorf("win-rate trend %v, want the team's %v", seriesValues(c.Series, 0), want.win)
	}
	if c := got.Charts["ch-lifts"]; len(c.Series) != 2 || !sameRates(c.Series[0], want.effLift) {
		t.Errorf("efficiency lifts %v, want the team's against its baseline %v", seriesValues(c.Series, 0), want.effLift)
	}
	if c := got.Charts["ch-scores"]; len(c.Series) != 1 || sum(c.Series[0]) != float64(want.responses) {
		t.Errorf("scores chart counts %v responses, want the team's %d", sum(c.Series[0]), want.responses)
	}
	if c := got.Charts["ch-bonus"]; len(c.Cats) == 0 || !subset(c.Cats, append(want.names, "Others")) {
		t.Errorf("bonus chart names %v, want only reps of the team %v", c.Cats, want.names)
	}
	funnelAll, funnel := all.Charts["ch-funnel"].Series[0], got.Charts["ch-funnel"].Series[0]
	if len(funnel) != 4 || *funnel[3] >= *funnelAll[3] || !slices.IsSortedFunc(funnel, func(a, b *float64) int { return int(*a - *b) }) {
		t.Errorf("funnel (after-sales first) %v, want a part of the company's %v that never rises", seriesValues([][]*float64{funnel}, 0), seriesValues([][]*float64{funnelAll}, 0))
	}
	for i, row := range got.Tables["funnel-table"] {
		if f := funnel[len(funnel)-1-i]; row[1] != FormatCount(int64(*f)) {
			t.Errorf("funnel table stage %d says %s, its chart %v", i+1, row[1], *f)
		}
	}
	var leaders []string
	for _, r := range got.Tables["leaders-table"] {
		leaders = append(leaders, r[1])
	}
	if slices.Sort(leaders); !slices.Equal(leaders, want.names) {
		t.Errorf("leaderboard lists %q, want the team's reps %q", leaders, want.names)
	}
	bonusRows := got.Tables["bonus-table"][min(3, len(got.Tables["bonus-table"])):] // after pool, allocated, unallocated
	for _, r := range bonusRows {
		if !slices.Contains(want.names, r[0]) {
			t.Errorf("the bonus table still shows %q, not of the team", r)
		}
	}
	if len(bonusRows) == 0 || len(bonusRows) >= len(all.Tables["bonus-table"])-3 {
		t.Errorf("the bonus table shows %d reps filtered, %d unfiltered", len(bonusRows), len(all.Tables["bonus-table"])-3)
	}
	var risk []string
	for _, r := range got.Tables["risk-table"] {
		risk = append(risk, r[0]+" | "+r[1])
	}
	if !slices.Equal(risk, want.risk) {
		t.Errorf("customers at risk listed\n%q\nwant the team's first %d\n%q", risk, riskLimit, want.risk)
	}

	// Drill to the team's rep with the most deal events of the month.
	var rep, name string
	if err := w.DB.QueryRowContext(ctx, `SELECT e.rep_id, r.name FROM deal_events e JOIN rep_dim r USING (rep_id)
		WHERE r.team = ? AND e.event_date BETWEEN DATE '2026-10-01' AND DATE '2026-10-31'
		GROUP BY ALL ORDER BY count(*) DESC, e.rep_id LIMIT 1`, team).Scan(&rep, &name); err != nil {
		t.Fatal(err)
	}
	before := readExplore(t, bctx).Filter
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
	  const b = [...document.querySelectorAll('#leaders-table button.rep-link')].find(b => b.textContent === %q);
	  b.scrollIntoView({block: 'center'}); b.click(); return true; })()`, name))); err != nil {
		t.Fatal(err)
	}
	waitFilter(t, bctx, before)
	deals := readExplore(t, bctx).Tables["drill-deals"]
	wantDeals := repDeals(t, w.DB, rep)
	var listed []string
	for _, r := range deals {
		listed = append(listed, r[0]+" "+r[1]+" "+r[3]+" "+r[4])
	}
	t.Logf("team %s: %d reps, regions %v, %d trend months, %d of the company's %d customers at risk listed; drill to %s lists %d deals", team, len(want.names), want.regions, len(want.net), len(want.risk), len(all.Tables["risk-table"]), rep, len(listed))
	if !slices.Equal(listed, wantDeals) {
		t.Errorf("drill to %s lists deals\n%q\nwant deal_events'\n%q", rep, listed, wantDeals)
	}

	// Show all puts back every chart and table as written.
	before = readExplore(t, bctx).Filter
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.getElementById('f-clear').click() || true`)); err != nil {
		t.Fatal(err)
	}
	waitFilter(t, bctx, before)
	back := readExplore(t, bctx)
	for id, c := range all.Charts {
		if !reflect.DeepEqual(back.Charts[id], c) {
			t.Errorf("after Show all %s shows %v %v, as written %v %v", id, back.Charts[id].Cats, back.Charts[id].Series, c.Cats, c.Series)
		}
	}
	for id, rows := range all.Tables {
		if !reflect.DeepEqual(back.Tables[id], rows) {
			t.Errorf("after Show all %s lists\n%q\nas written\n%q", id, back.Tables[id], rows)
		}
	}

	// A region's bar filters by the region: its teams, its reps.
	const region = "华南"
	clickBar(t, bctx, "ch-regions", region)
	waitFilter(t, bctx, all.Filter)
	byRegion := readExplore(t, bctx)
	if c := byRegion.Charts["ch-teams"]; !slices.Equal(c.Cats, []string{"华南组"}) {
		t.Errorf("teams chart after clicking %s shows %v, want its team 华南组", region, c.Cats)
	}
	if n, want := len(byRegion.Tables["leaders-table"]), regionReps(t, w.DB, region); n != want {
		t.Errorf("leaderboard lists %d reps after clicking %s, want its %d", n, region, want)
	}
	probe.mu.Lock()
	defer probe.mu.Unlock()
	if len(probe.errors) > 0 || len(probe.requests) > 0 || len(probe.dialogs) > 0 {
		t.Errorf("console errors %q, network requests %q, dialogs %q", probe.errors, probe.requests, probe.dialogs)
	}
}

// TestDashboardTablesSortInChromium sorts the zh-CN leaderboard by a
// money column (by value, not as text: "¥9" before "¥10", "-¥5" below
// "¥0") and by name (by pinyin, as zh-CN collates: 陈 chén before 王
// wáng, though U+738B comes before U+9648); also on the page of a month
// closed before the dashboard carried its explore data.
func TestDashboardTablesSortInChromium(t *testing.T) {
	needTool(t, chromiumPath)
	ctx := context.Background()
	w := buildWarehouse(t, syntheticCompany(24, 900), syntheticConfig(), syntheticAsOf)
	opt := dashOptions(t.TempDir(), "zh-CN")
	in, err := LoadMonthInputs(ctx, w.DB, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		explore bool
	}{{"live", true}, {"closed before the explore data", false}} {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.explore {
				in.dash.Explore = nil
			}
			opt.OutDir = t.TempDir()
			path, err := WriteDashboardOf(ctx, in, opt)
			if err != nil {
				t.Fatal(err)
			}
			bctx, cancel := newBrowser(t, 1366, 900)
			defer cancel()
			if _, err := loadReport(bctx, path, &pageProbe{}); err != nil {
				t.Fatal(err)
			}
			checkLeaderboardSorts(t, bctx)
		})
	}
}

func checkLeaderboardSorts(t *testing.T, bctx context.Context) {
	t.Helper()
	column := func(col int) []string {
		t.Helper()
		got, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(() => {
		  document.querySelectorAll('#leaders-table thead th')[%d].click();
		  return [...document.querySelectorAll('#leaders-table tbody tr')].map(r => r.cells[%d].textContent.trim());
		})()`, col, col)))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	amount := func(s string) money.Cents {
		c, err := money.Parse(strings.NewReplacer("¥", "", ",", "").Replace(s))
		if err != nil {
			t.Fatalf("net sales %q: %v", s, err)
		}
		return c
	}
	for _, asc := range []bool{true, false} {
		net := column(3)
		sorted := slices.IsSortedFunc(net, func(a, b string) int {
			if asc {
				return cmp.Compare(amount(a), amount(b))
			}
			return cmp.Compare(amount(b), amount(a))
		})
		if !sorted || len(net) < 20 {
			t.Errorf("net sales sorted ascending=%v: %q", asc, net)
		}
	}
	pinyin := []rune("陈黄李刘王吴杨张赵周")
	var ranks []int
	for _, name := range column(1) {
		if i := slices.Index(pinyin, []rune(name)[0]); i >= 0 {
			ranks = append(ranks, i)
		}
	}
	if !slices.IsSorted(ranks) || len(ranks) < 20 {
		t.Errorf("names by surname in pinyin order %v, want non-decreasing", ranks)
	}
}

// printedBar is the filter bar as print media shows it: its display, its
// controls' display and its text.
func printedBar(t *testing.T, ctx context.Context) string {
	t.Helper()
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	if err := chromedp.Do(ctx, media("print")); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := chromedp.Do(ctx, media("")); err != nil {
			t.Fatal(err)
		}
	}()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[getComputedStyle(document.getElementById('explore')).display,
	  getComputedStyle(document.getElementById('f-team').parentNode).display, document.getElementById('explore').innerText.trim()].join('|')`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

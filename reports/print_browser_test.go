package reports

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// A4 at the margins of assets/print.css (10 mm left and right), in CSS
// pixels (96 per inch): the width a printed page lays its content out in.
var (
	a4PortraitPx  = mmToPx(210 - 2*10)
	a4LandscapePx = mmToPx(297 - 2*10)
)

func mmToPx(mm float64) int64 { return int64(mm * 96 / 25.4) }

// printProbe reads the page as laid out for print: every box whose
// content is wider than the box (a clipped column, a chart drawn for the
// screen), table cells of a short CJK name or team that wrap (one
// character a line), and charts whose canvas does not fill their box.
const printProbe = `(() => {
  const out = {clipped: [], wrapped: [], charts: [], print: matchMedia('print').matches,
    rows: document.querySelectorAll('tbody tr').length};
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const path = el => { const p = []; for (let e = el; e && e !== document.body && p.length < 4; e = e.parentElement) { p.unshift(name(e)); } return p.join(' > '); };
  for (const el of document.body.querySelectorAll('*')) {
    if (el.clientWidth === 0 || getComputedStyle(el).display === 'none') { continue; }
    if (el.scrollWidth > el.clientWidth + 1) { out.clipped.push(path(el) + ' ' + el.scrollWidth + '>' + el.clientWidth); }
    if (el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1) { out.clipped.push(path(el) + ' height ' + el.scrollHeight + '>' + el.clientHeight); }
  }
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) {
    out.clipped.push('html ' + document.documentElement.scrollWidth + '>' + document.documentElement.clientWidth);
  }
  for (const c of document.querySelectorAll('td, th')) {
    const s = c.innerText.trim();
    if (!/[\u3400-\u9fff]/.test(s) || s.length > 12 || /\s/.test(s)) { continue; }
    const r = document.createRange();
    r.selectNodeContents(c);
    const lines = Math.round(r.getBoundingClientRect().height / (1.45 * parseFloat(getComputedStyle(c).fontSize)));
    if (lines > 1 && (s.length <= 6 || s.length / lines < 3)) { out.wrapped.push(s + ' ' + lines); }
  }
  (window.salesopsCharts || []).forEach(ch => {
    const el = ch.getDom();
    if (Math.abs(ch.getWidth() - el.clientWidth) > 2 || Math.abs(ch.getHeight() - el.clientHeight) > 2) {
      out.charts.push(el.id + ' ' + ch.getWidth() + 'x' + ch.getHeight() + ' in ' + el.clientWidth + 'x' + el.clientHeight);
    }
  });
  return JSON.stringify(out);
})()`

// blockResize keeps the page's own resize listener from running, as when
// a browser prints: the layout changes to the paper's width without a
// resize event, so charts must follow matchMedia('print').
const blockResize = `window.addEventListener('resize', e => e.stopImmediatePropagation(), true); true`

// printLayout switches the tab to print media at width px, with no resize
// event reaching the page.
func printLayout(ctx context.Context, width int64) error {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](blockResize)); err != nil {
		return err
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride,
			emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 1000, DeviceScaleFactor: 1}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if err != nil {
		return err
	}
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise))
	return err
}

// printCase is one report to print and what its paper must look like.
type printCase struct {
	name, path, period string
	landscape          bool
	// The bound docs/reports.md documents: at most fixed pages of cards
	// and charts, and a page per rowsPerPage rows of its tables.
	fixed, rowsPerPage int
	// Every page showing row (text only rows of a long table hold) shows
	// head (its header row's): the header repeats.
	row, head string
	// together[1] (the funnel table's last stage) is on the page of
	// together[0] (the funnel's title): the funnel is never split.
	together [2]string
}

func (c printCase) maxPages(rows int) int { return c.fixed + (rows+c.rowsPerPage-1)/c.rowsPerPage }

// TestPrintedReports prints the dashboard of a company of 24 reps with
// Chinese names and teams (300 customers: the audit runs to 30 pages,
// enough to repeat headers, in seconds rather than a minute), and the
// audit of the same company, in English and Chinese: laid out for print on
// A4 (landscape for both), no box's content is wider than the box, no
// short CJK name or team wraps, every chart is redrawn to its printed size
// (through matchMedia, with no resize event); printed by Chromium (through
// the DevTools protocol, and for the dashboards also by PrintPDF, the
// --pdf path), each stays within its page bound and every page's footer
// names the report with its period and numbers the page "n / N".
func TestPrintedReports(t *testing.T) {
	needTool(t, chromiumPath)
	needTool(t, "pdftotext")
	ctx := context.Background()
	w := buildWarehouse(t, syntheticCompany(24, 300), syntheticConfig(), syntheticAsOf)
	arts := artifactDir(t)
	var cases []printCase
	for _, lang := range []string{"en", "zh-CN"} {
		out := t.TempDir()
		dash, err := WriteDashboard(ctx, w.DB, dashOptions(out, lang))
		if err != nil {
			t.Fatal(err)
		}
		audit, err := WriteAudit(ctx, w.DB, AuditOptions{Period: "2026-Q3", Language: lang, OutDir: out})
		if err != nil {
			t.Fatal(err)
		}
		month := map[string]string{"en": "October 2026", "zh-CN": "2026年10月"}[lang]
		funnel := map[string][2]string{"en": {"Sales funnel", "After-sales"}, "zh-CN": {"销售漏斗", "售后"}}[lang]
		cases = append(cases, printCase{"dashboard-" + lang, dash, month, true, 6, 20, "", "", funnel},
			printCase{"audit-" + lang, audit[0], "2026-Q3", true, 2, 10, "-2026Q3-", map[string]string{"en": "Finding id", "zh-CN": "问题编号"}[lang], [2]string{}})
	}
	bctx, cancel := newBrowser(t, 1400, 900)
	defer cancel()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tctx, tcancel := chromedp.NewContext(bctx)
			defer tcancel()
			var probe pageProbe
			if _, err := loadReport(tctx, c.path, &probe); err != nil {
				t.Fatalf("loading %s: %v", c.path, err)
			}
			pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
			if err != nil {
				t.Fatal(err)
			}
			pdfPath := filepath.Join(arts, "print-"+c.name+".pdf")
			if err := os.WriteFile(pdfPath, pdf, 0o640); err != nil {
				t.Fatal(err)
			}
			width := a4PortraitPx
			if c.landscape {
				width = a4LandscapePx
			}
			if err := printLayout(tctx, width); err != nil {
				t.Fatal(err)
			}
			raw, err := chromedp.Run(tctx, chromedp.Evaluate[string](printProbe))
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Clipped, Wrapped, Charts []string
				Print                    bool
				Rows                     int
			}
			if err := json.Unmarshal([]byte(raw), &got); err != nil {
				t.Fatal(err)
			}
			if !got.Print {
				t.Fatal("the page is not in print media")
			}
			if len(got.Clipped) > 0 {
				t.Errorf("%d boxes wider than the %dpx page, first %q", len(got.Clipped), width, first(got.Clipped, 8))
			}
			if len(got.Wrapped) > 0 {
				t.Errorf("%d short CJK cells wrap, first %q", len(got.Wrapped), first(got.Wrapped, 8))
			}
			if len(got.Charts) > 0 {
				t.Errorf("charts not redrawn for print: %q", got.Charts)
			}
			checkPrintedPDF(t, pdfPath, c, got.Rows)
			if strings.HasPrefix(c.name, "dashboard") {
				// The --pdf path: Chromium's own print of the file, where
				// only the print query tells the charts the paper's width.
				dst := filepath.Join(t.TempDir(), filepath.Base(c.path)+".pdf")
				if err := PrintPDF(ctx, chromiumPath, c.path, dst); err != nil {
					t.Fatal(err)
				}
				if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != FilePerm {
					t.Errorf("%s: %v, mode %v", dst, err, fi.Mode())
				}
				checkPrintedPDF(t, dst, c, got.Rows)
			}
			if len(probe.errors)+len(probe.requests)+len(probe.dialogs) > 0 {
				t.Errorf("errors %q, requests %q, dialogs %q", probe.errors, probe.requests, probe.dialogs)
			}
		})
	}
}

// checkPrintedPDF reads the PDF back with pdftotext: its pages are A4 in
// the case's orientation, no more than its bound for rows table rows,
// each with its footer, a long table's header on each of its pages, and
// the funnel on one page.
func checkPrintedPDF(t *testing.T, path string, c printCase, rows int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	pages := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
	n := len(pages)
	if n > c.maxPages(rows) {
		t.Errorf("%d pages for %d table rows, want at most %d", n, rows, c.maxPages(rows))
	}
	w, h := 595, 842 // A4 in points
	if c.landscape {
		w, h = h, w
	}
	for _, m := range regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`).FindAllSubmatch(data, -1) {
		var mw, mh float64
		fmt.Sscan(string(m[1]), &mw)
		fmt.Sscan(string(m[2]), &mh)
		if int(mw+0.5) != w || int(mh+0.5) != h {
			t.Errorf("a page of %sx%s pt, want A4 %dx%d", m[1], m[2], w, h)
			break
		}
	}
	if c.together[0] != "" && !slices.ContainsFunc(pages, func(p string) bool {
		return strings.Contains(p, c.together[0]) && strings.Contains(p[strings.Index(p, c.together[0]):], c.together[1])
	}) {
		t.Errorf("no page shows %q with %q after it: split across pages", c.together[0], c.together[1])
	}
	for i, p := range pages {
		if c.row != "" && strings.Contains(p, c.row) && !strings.Contains(p, c.head) {
			t.Errorf("page %d shows findings without their header row", i+1)
		}
		foot := lastLine(p)
		num := regexp.MustCompile(fmt.Sprintf(`\b%d\s*/\s*%d$`, i+1, n))
		if !num.MatchString(foot) || !strings.Contains(foot, c.period) {
			t.Errorf("page %d ends %q, want the period %s and %d / %d", i+1, foot, c.period, i+1, n)
			break
		}
	}
	t.Logf("%d pages for %d table rows (at most %d)", n, rows, c.maxPages(rows))
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

// TestPrintKeepsChartWithTitle prints a funnel-like section (title, chart,
// table) that starts low on the first A4 landscape page (about 695px
// tall): where only the title would fit, and where the title and chart
// would but not the table. Either way the section moves to the next page
// whole, the funnel's chart never apart from its title or its table. The
// report pages of TestPrintedReports do not happen to put a section across
// a page break, so this page does on purpose.
func TestPrintKeepsChartWithTitle(t *testing.T) {
	needTool(t, chromiumPath)
	needTool(t, "pdftotext")
	var rows strings.Builder
	for i := range 6 {
		fmt.Fprintf(&rows, "<tr><td>stage %d</td><td class=\"num\">%d</td></tr>", i, 100-i)
	}
	for _, filler := range []int{560, 300} {
		t.Run(fmt.Sprint(filler), func(t *testing.T) {
			content := fmt.Sprintf(`<main><div style="height: %dpx">filler</div><section><h2>Funnel title</h2><div class="chart" id="c1"></div>`, filler) +
				`<table><thead><tr><th>Stage</th><th class="num">Customers</th></tr></thead><tbody>` + rows.String() + `</tbody></table></section></main>`
			p := Page{Lang: "en", Title: "Keep together 2026-10", Content: template.HTML(content), Landscape: true,
				Charts: []Chart{newChart("c1", axisChart([]string{"a", "b"}, barSeries("n", []any{3, 4})))}}
			src := filepath.Join(t.TempDir(), "keep.html")
			if err := WriteFile(context.Background(), src, p.Render); err != nil {
				t.Fatal(err)
			}
			dst := strings.TrimSuffix(src, ".html") + ".pdf"
			if err := PrintPDF(context.Background(), chromiumPath, src, dst); err != nil {
				t.Fatal(err)
			}
			text, err := exec.Command("pdftotext", "-layout", dst, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			pages := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
			if len(pages) != 2 || strings.Contains(pages[0], "Funnel title") || !strings.Contains(pages[1], "Funnel title") ||
				!strings.Contains(pages[1], "stage 0") || !strings.Contains(pages[1], "stage 5") {
				t.Errorf("the section did not move to page 2 whole:\n%q", pages)
			}
		})
	}
}

package reports

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// needTool skips a test that needs an external program in -short mode or
// when it is missing; under CI=true a missing program fails the test.
func needTool(t testing.TB, path string) {
	t.Helper()
	if testing.Short() {
		t.Skip("needs " + path + "; skipped in -short mode")
	}
	if _, err := exec.LookPath(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI: %v", path, err)
		}
		t.Skipf("%s not installed: %v", path, err)
	}
}

// artifactDir is where screenshots and PDFs go for a person to look at:
// $SALESOPS_ARTIFACTS, or a temporary folder.
func artifactDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("SALESOPS_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o750); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// pageProbe is what a browser saw while loading one report.
type pageProbe struct {
	mu       sync.Mutex
	errors   []string // console errors and uncaught exceptions
	requests []string // every request other than the page itself and data: URLs
	dialogs  []string // alert() and friends: a script that should not have run
}

func (p *pageProbe) add(list *[]string, s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	*list = append(*list, s)
}

// newBrowser starts a headless Chromium with a fresh profile and no
// background traffic of its own.
func newBrowser(t testing.TB, width, height int) (context.Context, context.CancelFunc) {
	t.Helper()
	// Chromium keeps its singleton socket in a folder under TMPDIR that only
	// a clean exit removes, and the cancel below kills it: without a TMPDIR
	// of its own every test left a folder in /tmp. The folder's name is
	// short because the socket's path must fit a sockaddr_un (108 bytes),
	// which t.TempDir's, named after the test, may not leave room for.
	tmp, err := os.MkdirTemp("", "cr")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	opts := []chromedp.ExecAllocatorOption{
		chromedp.Env("TMPDIR=" + tmp), chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(tmp, "profile")), chromedp.WindowSize(width, height),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	return ctx, func() { cancelT(); cancelC(); cancelA() }
}

// loadReport opens path and waits until every chart is drawn; it returns
// the time from navigation to rendered. Everything the page logs, throws
// or requests is recorded in p.
func loadReport(ctx context.Context, path string, p *pageProbe) (time.Duration, error) {
	pageURL := (&url.URL{Scheme: "file", Path: path}).String()
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				p.add(&p.errors, "console: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			p.add(&p.errors, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				p.add(&p.errors, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; u != pageURL && !strings.HasPrefix(u, "data:") {
				p.add(&p.requests, u)
			}
		case *page.EventJavascriptDialogOpening:
			p.add(&p.dialogs, e.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	})
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL), chromedp.WaitVisible(chromedp.CSS(`html[data-rendered="1"] body`))); err != nil {
		return 0, err
	}
	// Two animation frames: the canvases have been painted.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`,
		chromedp.EvalAwaitPromise)); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// chromedpEvalFloat evaluates a numeric expression in the page.
func chromedpEvalFloat(ctx context.Context, expr string) (float64, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[float64](expr))
}

// chartsDrawn checks every chart element holds a canvas with ink on it.
const chartsDrawn = `(() => {
  const bad = [];
  const els = document.querySelectorAll('.chart');
  els.forEach(el => {
    const c = el.querySelector('canvas');
    if (!c || c.width === 0 || c.height === 0) { bad.push(el.id + ': no canvas'); return; }
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < d.length; i += 4 * 16) { if (d[i] !== 0) { ink++; } }
    if (ink === 0) { bad.push(el.id + ': blank canvas'); }
  });
  return JSON.stringify({charts: els.length, bad: bad, imgs: document.querySelectorAll('img').length,
    text: document.body.innerText, overflow: document.documentElement.scrollWidth > window.innerWidth + 1});
})()`

// showEveryTip hovers every data point of every chart through ECharts'
// API, so tooltips render the hostile names too.
const showEveryTip = `(() => {
  (window.salesopsCharts || []).forEach(c => {
    const o = c.getOption();
    (o.series || []).forEach((s, si) => (s.data || []).forEach((_, di) => c.dispatchAction({type: 'showTip', seriesIndex: si, dataIndex: di})));
  });
  return document.querySelectorAll('img').length;
})()`

func TestDashboardInChromium(t *testing.T) {
	needTool(t, chromiumPath)
	cfg := syntheticConfig()
	w := buildWarehouse(t, syntheticCompany(24, 900), cfg, syntheticAsOf)
	arts := artifactDir(t)
	for _, tt := range []struct {
		name, lang    string
		width, height int
	}{
		{"laptop-en", "en", 1366, 768},
		{"phone-zh", "zh-CN", 390, 844},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			path, err := WriteDashboard(context.Background(), w.DB, dashOptions(out, tt.lang))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(path)
			checkDashboardSafe(t, string(b), true)
			ctx, cancel := newBrowser(t, tt.width, tt.height)
			defer cancel()
			probe := &pageProbe{}
			took, err := loadReport(ctx, path, probe)
			if err != nil {
				t.Fatalf("loading %s: %v", path, err)
			}
			t.Logf("rendered in %v, %d bytes", took, len(b))
			report, err := chromedp.Run(ctx, chromedp.Evaluate[string](chartsDrawn))
			if err != nil {
				t.Fatal(err)
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			imgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](showEveryTip))
			if err != nil {
				t.Fatal(err)
			}
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
			if err != nil {
				t.Fatal(err)
			}
			for name, data := range map[string][]byte{"dashboard-" + tt.name + ".png": shot, "dashboard-" + tt.name + ".pdf": pdf} {
				if err := os.WriteFile(filepath.Join(arts, name), data, 0o640); err != nil {
					t.Fatal(err)
				}
			}
			t.Logf("screenshot and PDF in %s", arts)
			probe.mu.Lock()
			defer probe.mu.Unlock()
			if len(probe.errors) > 0 || len(probe.requests) > 0 || len(probe.dialogs) > 0 {
				t.Errorf("console errors %q, network requests %q, dialogs %q", probe.errors, probe.requests, probe.dialogs)
			}
			var got struct {
				Charts   int
				Bad      []string
				Imgs     int
				Text     string
				Overflow bool
			}
			if err := json.Unmarshal([]byte(report), &got); err != nil {
				t.Fatal(err)
			}
			if got.Charts < 8 || len(got.Bad) > 0 || got.Imgs > 0 || imgs > 0 {
				t.Errorf("charts %d, not drawn %v, img elements %d (after tooltips %d)", got.Charts, got.Bad, got.Imgs, imgs)
			}
			if got.Overflow {
				t.Errorf("the page scrolls sideways at %dx%d", tt.width, tt.height)
			}
			for _, s := range []string{hostileScript, hostileFormula} {
				if !strings.Contains(got.Text, s) {
					t.Errorf("the page does not show %q as text", s)
				}
			}
			if len(pdf) < 10_000 || !strings.HasPrefix(string(pdf), "%PDF") {
				t.Errorf("print to PDF gave %d bytes", len(pdf))
			}
		})
	}
}

package reports

import (
	"context"
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
	"github.com/google/go-cmp/cmp"
)

// End-to-end checks of the audit files with the programs people open them
// with. Skipped with -short; a missing program skips, or fails under CI=true.

func auditNeedTool(t *testing.T, path string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test; skipped with -short")
	}
	p, err := exec.LookPath(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI=true: %v", path, err)
		}
		t.Skipf("%s not installed: %v", path, err)
	}
	return p
}

// auditBrowserLog is what the page did that it must not do.
type auditBrowserLog struct {
	mu                      sync.Mutex
	errors, requests, alert []string
}

func (l *auditBrowserLog) add(list *[]string, s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	*list = append(*list, s)
}

func TestAuditHTMLInChromium(t *testing.T) {
	chromium := auditNeedTool(t, "/usr/bin/chromium")
	_, paths := writeAuditFor(t, auditDB(t), "en")
	pageURL := (&url.URL{Scheme: "file", Path: paths[0]}).String()

	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()))
	defer cancelA()
	bctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()

	var seen auditBrowserLog
	// The first call starts the browser: on the context without a deadline.
	err := chromedp.Listen(bctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				seen.add(&seen.errors, string(e.Type)+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			seen.add(&seen.errors, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				seen.add(&seen.errors, "log: "+e.Entry.Text)
			}
		case *network.EventRequestWillBeSent:
			if e.Request.URL != pageURL {
				seen.add(&seen.requests, e.Request.URL)
			}
		case *page.EventJavascriptDialogOpening:
			seen.add(&seen.alert, e.Message) // the dialog stays open: the run below then times out
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	ctx, cancelT := context.WithTimeout(bctx, 90*time.Second)
	defer cancelT()

	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL), chromedp.WaitVisible(chromedp.CSS(`#findings`))); err != nil {
		t.Fatalf("opening %s in Chromium: %v", paths[0], err)
	}
	eval := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	charts := eval(`(window.salesopsCharts || []).filter(function (c) { return c.getDom().querySelector('canvas'); }).length`)
	imgs := eval(`document.querySelectorAll('img').length`)
	var counts []string
	for _, f := range [][4]string{{"", "", "", ""}, {"A8", "", "", ""}, {"A8", "B", "", ""}, {"", "", "high", ""}, {"", "", "", "hyperlink"}, {"A1", "C", "", ""}} {
		js := `(function(c, r, s, q) {
		  var set = function (id, v, ev) { var el = document.getElementById(id); el.value = v; el.dispatchEvent(new Event(ev)); };
		  set('f-check', c, 'change'); set('f-rep', r, 'change'); set('f-severity', s, 'change'); set('f-text', q, 'input');
		  var shown = Array.prototype.filter.call(document.querySelectorAll('#findings tbody tr'), function (tr) { return !tr.hidden; }).length;
		  return document.getElementById('f-count').textContent + '=' + shown;
		})(` + strings.Join([]string{jsString(f[0]), jsString(f[1]), jsString(f[2]), jsString(f[3])}, ",") + `)`
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("filtering %v: %v", f, err)
		}
		counts = append(counts, out)
	}
	time.Sleep(300 * time.Millisecond) // let late console events arrive
	seen.mu.Lock()
	defer seen.mu.Unlock()
	if len(seen.errors) > 0 || len(seen.requests) > 0 || len(seen.alert) > 0 {
		t.Errorf("errors %q\nrequests %q\ndialogs %q", seen.errors, seen.requests, seen.alert)
	}
	if charts != 2 || imgs != 0 {
		t.Errorf("%d charts drawn (want 2), %d img elements (want 0: hostile markup must stay text)", charts, imgs)
	}
	// All 29; A8 has 5 (4 of A, 1 of B); high = A4 2 + A5 1 + A6 2; "hyperlink"
	// matches c4's two rows and the rejected row's detail; C has no A1 finding.
	want := []string{"29=29", "5=5", "1=1", "5=5", "3=3", "0=0"}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("filtered row counts (-want +got):\n%s", diff)
	}
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

func TestAuditWorkbookInLibreOffice(t *testing.T) {
	soffice := auditNeedTool(t, "soffice")
	for _, lang := range []string{"en", "zh-CN"} {
		_, paths := writeAuditFor(t, auditDB(t), lang)
		tmp := t.TempDir()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
			"--convert-to", "pdf", "--outdir", tmp, paths[1])
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("%s: soffice: %v\n%s", lang, err, out)
		}
		pdf := filepath.Join(tmp, "audit-2026-Q3.pdf")
		if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
			t.Fatalf("%s: no PDF from LibreOffice (%v): %s", lang, err, out)
		}
		if strings.Contains(strings.ToLower(string(out)), "error") {
			t.Errorf("%s: LibreOffice reported: %s", lang, out)
		}
	}
}

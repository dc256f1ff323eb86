package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// End-to-end checks of the audit files with the programs people open them
// with, through the browser harness of dashboard_browser_test.go.

func TestAuditHTMLInChromium(t *testing.T) {
	needTool(t, chromiumPath)
	_, paths := writeAuditFor(t, auditDB(t), "en")
	ctx, cancel := newBrowser(t, 1366, 768)
	defer cancel()
	var seen pageProbe
	if _, err := loadReport(ctx, paths[0], &seen); err != nil {
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
	for _, f := range [][4]string{{"", "", "", ""}, {"A8", "", "", ""}, {"A8", "A", "", ""}, {"", "", "high", ""}, {"", "", "", "hyperlink"}, {"A1", "C", "", ""}} {
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
	if len(seen.errors) > 0 || len(seen.requests) > 0 || len(seen.dialogs) > 0 {
		t.Errorf("errors %q\nrequests %q\ndialogs %q", seen.errors, seen.requests, seen.dialogs)
	}
	if charts != 2 || imgs != 0 {
		t.Errorf("%d charts drawn (want 2), %d img elements (want 0: hostile markup must stay text)", charts, imgs)
	}
	// All 26 (the 5 pending windows are in their own table); A8 has 3, all of
	// A; high = A4 2 + A5 1 + A6 2; "hyperlink" matches c4's A9 row and the
	// rejected row's detail (c4's A8 window is pending); C has no A1 finding.
	want := []string{"26=26", "3=3", "3=3", "5=5", "2=2", "0=0"}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("filtered row counts (-want +got):\n%s", diff)
	}
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

func TestAuditWorkbookInLibreOffice(t *testing.T) {
	needTool(t, "soffice")
	for _, lang := range []string{"en", "zh-CN"} {
		_, paths := writeAuditFor(t, auditDB(t), lang)
		tmp := t.TempDir()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, "soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
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

package reports

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/i18n"
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

// A capped page (3 findings listed of 26) filters the rows it lists, counts
// them against the true total, and shows the note that the CSV has the rest.
func TestAuditHTMLInChromiumCapped(t *testing.T) {
	needTool(t, chromiumPath)
	r, err := loadAuditShown(context.Background(), auditDB(t), "2026-Q3", auditLabelsFor(i18n.EN), 3)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "audit-2026-Q3.html")
	if err := writeAuditHTML(context.Background(), path, r); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := newBrowser(t, 1366, 768)
	defer cancel()
	var seen pageProbe
	if _, err := loadReport(ctx, path, &seen); err != nil {
		t.Fatalf("opening %s in Chromium: %v", path, err)
	}
	var counts []string
	// The first 3 in the report's order: A1's 2 (reps A and B) and A2's first.
	for _, f := range [][2]string{{"", ""}, {"A1", ""}, {"A2", ""}, {"A9", ""}, {"", "B"}} {
		js := `(function(c, r) {
		  var set = function (id, v) { var el = document.getElementById(id); el.value = v; el.dispatchEvent(new Event('change')); };
		  set('f-check', c); set('f-rep', r);
		  var shown = Array.prototype.filter.call(document.querySelectorAll('#findings tbody tr'), function (tr) { return !tr.hidden; }).length;
		  var count = document.getElementById('f-count');
		  return count.parentNode.textContent + '=' + shown;
		})(` + jsString(f[0]) + "," + jsString(f[1]) + `)`
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("filtering %v: %v", f, err)
		}
		counts = append(counts, out)
	}
	if diff := cmp.Diff([]string{"3 of 26 shown=3", "2 of 26 shown=2", "1 of 26 shown=1", "0 of 26 shown=0", "1 of 26 shown=1"}, counts); diff != "" {
		t.Errorf("filtered row counts (-want +got):\n%s", diff)
	}
	note, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () {
	  var n = document.getElementById('findings-capped');
	  return n && n.getBoundingClientRect().height > 0 ? n.textContent : '';
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(r.L.CappedFmt, 3, 26, "audit-2026-Q3.csv"); note != want {
		t.Errorf("the note reads %q, want %q shown", note, want)
	}
	seen.mu.Lock()
	defer seen.mu.Unlock()
	if len(seen.errors) > 0 || len(seen.requests) > 0 {
		t.Errorf("errors %q\nrequests %q", seen.errors, seen.requests)
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

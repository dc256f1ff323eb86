package reports

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/money"
)

// pdfPages counts the page objects of a PDF (not the /Pages tree nodes).
func pdfPages(data []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
}

// heavyStatement is rep A of the October fixture with as many lines as the
// busiest rep of the demo's month has in each list (10 deals, 8 responses,
// 7 new customers), long company names and two adjustments: the statement
// must still print on one A4 page.
func heavyStatement(t *testing.T, lang string) (Statement, WorkbookOptions) {
	t.Helper()
	ctx := context.Background()
	db, plan := workbookFixture(t, "0.3")
	b, err := bonus.Load(ctx, db, "2026-10", plan)
	if err != nil {
		t.Fatal(err)
	}
	b.Adjustments = []bonus.Adjustment{{ClosedPeriod: "2026-08", RepID: "A", Frozen: 1234567, Current: 1334567},
		{ClosedPeriod: "2026-09", RepID: "A", Frozen: 2000000, Current: 1990000}}
	d, err := loadWorkbookDetail(ctx, db, mustPeriod(t, "2026-10"))
	if err != nil {
		t.Fatal(err)
	}
	// A's own lines are 2 deals, 3 responses, 1 new customer; with these
	// 11, 9 and 7: at least the demo's busiest rep in every list at once.
	for i := range 9 {
		company := fmt.Sprintf("深圳市前海国际供应链管理股份有限公司第%d分公司", i)
		d.deals = append(d.deals, dealLine{RepID: "A", DealID: fmt.Sprintf("D%05d", i), CustomerID: fmt.Sprintf("C%05d", i),
			Company: company, Event: "won", Date: "2026-10-15", Amount: "123456.78"})
		if i < 6 {
			d.responses = append(d.responses, responseLine{RepID: "A", SurveyID: fmt.Sprintf("SV%05d", i), Date: "2026-10-20",
				CustomerID: fmt.Sprintf("C%05d", i), Company: company, Score: 4, Satisfied: true})
		}
		if i < 6 {
			d.newCustomers = append(d.newCustomers, newCustomerLine{RepID: "A", CustomerID: fmt.Sprintf("C%05d", i), Company: company,
				DealID: fmt.Sprintf("D%05d", i), Date: "2026-10-15"})
		}
	}
	// The detail's lines come ordered by rep, as the warehouse lists them.
	slices.SortStableFunc(d.deals, func(x, y dealLine) int { return strings.Compare(x.RepID, y.RepID) })
	slices.SortStableFunc(d.responses, func(x, y responseLine) int { return strings.Compare(x.RepID, y.RepID) })
	slices.SortStableFunc(d.newCustomers, func(x, y newCustomerLine) int { return strings.Compare(x.RepID, y.RepID) })
	// Markup in a name is text on the page: the browser test sees no dialog.
	for i := range b.Rows {
		if b.Rows[i].RepID == "A" {
			b.Rows[i].RepName = `Ann<img src=x onerror=alert(1)></script><script>alert(2)</script>`
		}
	}
	s, err := statementOf(ctx, b, d, "A")
	if err != nil {
		t.Fatal(err)
	}
	return s, WorkbookOptions{Language: lang, BaseCurrency: "CNY"}
}

func writeHeavy(t *testing.T, dir, lang string) (html, xlsx string, alloc money.Cents) {
	t.Helper()
	s, opt := heavyStatement(t, lang)
	lb := labeler(opt)
	v := newStatementView(lb, s)
	html, xlsx = filepath.Join(dir, "heavy-"+lang+".html"), filepath.Join(dir, "heavy-"+lang+".xlsx")
	if err := WriteFile(context.Background(), html, func(w io.Writer) error { return renderStatementHTML(w, lb, v, opt) }); err != nil {
		t.Fatal(err)
	}
	data, err := buildStatementXLSX(s, v, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(xlsx, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return html, xlsx, s.Row.Allocation
}

// TestStatementsInChromium opens every statement of two fixture months and
// the heavy one in headless Chromium: no console error, no request, no
// dialog, the rep's allocation on the page; each prints to one A4 page,
// through the browser and through PrintPDF (the --pdf path).
func TestStatementsInChromium(t *testing.T) {
	needTool(t, chromiumPath)
	dir := t.TempDir()
	type pg struct{ path, alloc string }
	var pages []pg
	// One fixture month (every rep, eligible or not, capped) and the heavy
	// statement in both languages keep the test to seconds.
	for i, c := range workbookCases[1:2] {
		b, paths, _ := statementCase(t, c, filepath.Join(dir, fmt.Sprint(i)))
		lb := labeler(WorkbookOptions{Language: c.lang, BaseCurrency: "CNY"})
		for _, p := range paths {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			for _, r := range b.Rows {
				if strings.HasSuffix(p, "-"+r.RepID+".html") {
					pages = append(pages, pg{p, lb.amount(r.Allocation.String(), 2)})
				}
			}
		}
	}
	for _, lang := range []string{"en", "zh-CN"} {
		html, _, alloc := writeHeavy(t, dir, lang)
		pages = append(pages, pg{html, labeler(WorkbookOptions{BaseCurrency: "CNY"}).amount(alloc.String(), 2)})
	}
	ctx, cancel := newBrowser(t, 900, 1200)
	defer cancel()
	for _, p := range pages {
		tctx, tcancel := chromedp.NewContext(ctx)
		var probe pageProbe
		if _, err := loadReport(tctx, p.path, &probe); err != nil {
			tcancel()
			t.Fatalf("%s: %v", p.path, err)
		}
		text, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.getElementById('allocation').innerText`))
		var pdf []byte
		if err == nil {
			pdf, err = chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
		}
		tcancel()
		if err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		name := filepath.Base(p.path)
		if len(probe.errors)+len(probe.requests)+len(probe.dialogs) > 0 {
			t.Errorf("%s: errors %q, requests %q, dialogs %q", name, probe.errors, probe.requests, probe.dialogs)
		}
		if text != p.alloc {
			t.Errorf("%s shows allocation %q, want %q", name, text, p.alloc)
		}
		if n := pdfPages(pdf); n != 1 {
			t.Errorf("%s prints on %d pages", name, n)
		}
	}
	// The --pdf path: Chromium's own print, atomically into place.
	for _, lang := range []string{"zh-CN"} {
		src := filepath.Join(dir, "heavy-"+lang+".html")
		dst := strings.TrimSuffix(src, ".html") + ".pdf"
		if err := PrintPDF(context.Background(), chromiumPath, src, dst); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(dst)
		if err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(dst); fi.Mode().Perm() != FilePerm {
			t.Errorf("%s: mode %v", dst, fi.Mode())
		}
		if n := pdfPages(data); n != 1 {
			t.Errorf("%s: PrintPDF made %d pages", filepath.Base(dst), n)
		}
		if shot := os.Getenv("SALESOPS_ARTIFACTS"); shot != "" {
			_ = os.WriteFile(filepath.Join(artifactDir(t), filepath.Base(dst)), data, 0o644)
		}
	}
}

// TestStatementXLSXInLibreOffice converts each statement workbook to PDF
// (one page) and, recalculated from its formulas, to CSV: the allocation
// equals the bonus CSV's. A copy whose cached formula values are all 999
// gives the same, so the figures come from recalculation.
func TestStatementXLSXInLibreOffice(t *testing.T) {
	needTool(t, "soffice")
	dir := t.TempDir()
	want := map[string]string{} // workbook base name → allocation
	var files []string
	for i, c := range workbookCases[:2] {
		b, paths, _ := statementCase(t, c, filepath.Join(dir, fmt.Sprint(i)))
		for _, p := range paths {
			for _, r := range b.Rows {
				if strings.HasSuffix(p, "-"+r.RepID+".xlsx") {
					// One flat folder for LibreOffice, the case's language in the name.
					flat := filepath.Join(dir, c.lang+"-"+filepath.Base(p))
					data, err := os.ReadFile(p)
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(flat, data, 0o600); err != nil {
						t.Fatal(err)
					}
					files = append(files, flat)
					want[strings.TrimSuffix(filepath.Base(flat), ".xlsx")] = r.Allocation.String()
				}
			}
		}
	}
	for _, lang := range []string{"en", "zh-CN"} {
		_, x, alloc := writeHeavy(t, dir, lang)
		files = append(files, x)
		want[strings.TrimSuffix(filepath.Base(x), ".xlsx")] = alloc.String()
	}
	var corrupt []string
	for _, f := range files {
		bad := strings.TrimSuffix(f, ".xlsx") + "-corrupt.xlsx"
		corruptFormulaValues(t, f, bad)
		corrupt = append(corrupt, bad)
		want[strings.TrimSuffix(filepath.Base(bad), ".xlsx")] = want[strings.TrimSuffix(filepath.Base(f), ".xlsx")]
	}
	profile := filepath.Join(dir, "lo")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	soffice := func(out, format string, in []string) {
		args := append([]string{"--headless", "-env:UserInstallation=file://" + profile, "--convert-to", format, "--outdir", out}, in...)
		if msg, err := exec.CommandContext(ctx, "soffice", args...).CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, msg)
		}
	}
	soffice(filepath.Join(dir, "pdf"), "pdf", files)
	soffice(filepath.Join(dir, "csv"), `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, append(files, corrupt...))
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".xlsx")
		data, err := os.ReadFile(filepath.Join(dir, "pdf", base+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if n := pdfPages(data); n != 1 {
			t.Errorf("%s: LibreOffice prints %d pages", base, n)
		}
	}
	for name, alloc := range want {
		lang := "en"
		if strings.Contains(name, "zh-CN") {
			lang = "zh-CN"
		}
		lb := labeler(WorkbookOptions{Language: lang})
		label := lb.t("stmt.step.allocation")
		got := ""
		for _, rec := range readCSV(t, filepath.Join(dir, "csv", name+"-"+lb.t("stmt.sheet")+".csv")) {
			if len(rec) >= 3 && rec[0] == label {
				got = cents(t, rec[2])
			}
		}
		if got != alloc {
			t.Errorf("%s: recalculated allocation %q, bonus %s", name, got, alloc)
		}
	}
}

// corruptFormulaValues copies a workbook with every formula's cached value
// replaced by 999.
func corruptFormulaValues(t *testing.T, src, dst string) {
	t.Helper()
	if n := replaceCachedValues(t, src, dst); n < 2 {
		t.Fatalf("%s has %d formulas with cached values, want the steps' (at least net sales and the allocation)", src, n)
	}
}

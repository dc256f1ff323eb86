package reports

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/i18n"
)

// The audit fixture's quarter has 26 findings (A1 2 of them, A2 5, A8 3, A9 8) and 5
// pending windows. Listed at most 3 a list, the page shows the first 3
// findings and 3 windows, each check's sheet its first 3, and each capped
// list says how many there are and names the CSV, which still has every
// one, in the order it had when the lists were not capped.
func TestAuditCappedLists(t *testing.T) {
	db := auditDB(t)
	ctx := context.Background()
	for _, tc := range []struct {
		lang       string
		shown      int
		page, pend int
		capped     map[string]int // the sheets of capped checks: their total
		pageCapped bool
		pendCapped bool
		sheetRows  map[string]int // findings listed on a check's sheet
	}{
		{lang: "en", shown: 3, page: 3, pend: 3, pageCapped: true, pendCapped: true,
			capped: map[string]int{"A2": 5, "A9": 8}, sheetRows: map[string]int{"A1": 2, "A2": 3, "A8": 3, "A9": 3}},
		{lang: "zh-CN", shown: 3, page: 3, pend: 3, pageCapped: true, pendCapped: true,
			capped: map[string]int{"A2": 5, "A9": 8}, sheetRows: map[string]int{"A1": 2, "A2": 3, "A8": 3, "A9": 3}},
		{lang: "en", shown: auditShownRows, page: 26, pend: 5,
			capped: map[string]int{}, sheetRows: map[string]int{"A1": 2, "A2": 5, "A8": 3, "A9": 8}},
	} {
		t.Run(fmt.Sprintf("%s/%d", tc.lang, tc.shown), func(t *testing.T) {
			lb := auditLabelsFor(i18n.Lang(tc.lang))
			r, err := loadAuditShown(ctx, db, "2026-Q3", lb, tc.shown)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			html, xlsx, csvPath := filepath.Join(dir, "a.html"), filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "a.csv")
			for _, w := range []struct {
				path  string
				write func(context.Context, string, *auditReport) error
			}{{html, writeAuditHTML}, {xlsx, writeAuditXLSX}, {csvPath, writeAuditCSV}} {
				if err := w.write(ctx, w.path, r); err != nil {
					t.Fatal(err)
				}
			}
			checkCappedPage(t, html, r, tc.page, tc.pend, tc.pageCapped, tc.pendCapped)
			checkCappedWorkbook(t, xlsx, r, tc.sheetRows, tc.capped, tc.pend, tc.pendCapped)

			// Every finding and window, as the report listed them uncapped:
			// the same bytes, text kept as text.
			full, err := loadAuditShown(ctx, db, "2026-Q3", lb, 0)
			if err != nil {
				t.Fatal(err)
			}
			fullPath := filepath.Join(dir, "full.csv")
			if err := writeAuditCSV(ctx, fullPath, full); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(csvPath)
			want, _ := os.ReadFile(fullPath)
			if !bytes.Equal(got, want) {
				t.Errorf("the CSV of the capped report differs from the uncapped one:\n%s\nwant\n%s", got, want)
			}
			var ids []string
			for _, rec := range readCSV(t, csvPath)[1:] {
				ids = append(ids, rec[7])
			}
			var wantIDs []string
			for _, f := range append(append([]auditFinding(nil), full.Findings...), full.Pending...) {
				wantIDs = append(wantIDs, SafeText(f.ID))
			}
			if strings.Join(ids, " ") != strings.Join(wantIDs, " ") || len(ids) != 31 {
				t.Errorf("CSV rows %v, want the 26 findings then the 5 windows %v", ids, wantIDs)
			}
			checkAuditCSV(t, csvPath, tc.lang)
		})
	}
}

func checkCappedPage(t *testing.T, path string, r *auditReport, findings, pending int, capped, pendCapped bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	table := func(id string) string {
		at := strings.Index(page, `<table id="`+id+`">`)
		if at < 0 {
			return ""
		}
		return page[at : at+strings.Index(page[at:], "</table>")]
	}
	if n := strings.Count(table("findings"), "<tr data-check="); n != findings {
		t.Errorf("the page lists %d findings, want %d", n, findings)
	}
	if n := strings.Count(table("pending"), "<tr data-check="); n != pending {
		t.Errorf("the page lists %d pending windows, want %d", n, pending)
	}
	count := regexp.MustCompile(`<span id="f-count">(\d+)</span> ` + regexp.QuoteMeta(r.L.Of) + ` (\d+) `).FindStringSubmatch(page)
	if count == nil || count[1] != fmt.Sprint(findings) || count[2] != "26" {
		t.Errorf("the findings count reads %q, want %d of 26", count, findings)
	}
	note := fmt.Sprintf(r.L.CappedFmt, findings, 26, "audit-2026-Q3.csv")
	if got := strings.Contains(page, `id="findings-capped">`+htmlText(note)+`<`); got != capped {
		t.Errorf("the page has the note %q: %v, want %v", note, got, capped)
	}
	note = fmt.Sprintf(r.L.CappedPendingFmt, pending, 5, "audit-2026-Q3.csv")
	if got := strings.Contains(page, `id="pending-capped">`+htmlText(note)+`<`); got != pendCapped {
		t.Errorf("the page has the note %q: %v, want %v", note, got, pendCapped)
	}
}

// htmlText is s as html/template writes it in an element.
func htmlText(s string) string {
	return strings.NewReplacer("'", "&#39;", `"`, "&#34;", "&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func checkCappedWorkbook(t *testing.T, path string, r *auditReport, rows, capped map[string]int, pending int, pendCapped bool) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	sheet := func(prefix string) string {
		for _, s := range sheets {
			if strings.HasPrefix(s, prefix) {
				return s
			}
		}
		t.Fatalf("no sheet %q in %v", prefix, sheets)
		return ""
	}
	// A sheet's table, then a blank row and the note below it when capped.
	check := func(name string, listed int, note string) {
		got, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		want := 1 + listed
		if note != "" {
			want += 2
		}
		if len(got) != want {
			t.Errorf("%s has %d rows, want header + %d findings%s", name, len(got), listed, map[bool]string{true: " + the note"}[note != ""])
			return
		}
		if note != "" && (len(got[want-1]) == 0 || got[want-1][0] != note) {
			t.Errorf("%s ends in %q, want the note %q", name, got[want-1], note)
		}
	}
	for id, listed := range rows {
		note := ""
		if total, ok := capped[id]; ok {
			note = fmt.Sprintf(r.L.CappedCheckFmt, listed, total, "audit-2026-Q3.csv")
		}
		check(sheet(id+" "), listed, note)
	}
	note := ""
	if pendCapped {
		note = fmt.Sprintf(r.L.CappedPendingFmt, pending, 5, "audit-2026-Q3.csv")
	}
	check(r.L.SheetPending, pending, note)
}

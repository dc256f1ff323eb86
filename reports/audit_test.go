package reports

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/i18n"
)

const (
	auditEvilHTML = `</script><img src=x onerror=alert(1)>`
	auditEvilCell = `=HYPERLINK("http://example.com","x")`
)

// auditDB is ../transform/testdata/audit_case.sql (whose findings
// transform/audit_models_test.go computes by hand) with rep B renamed to
// hostile markup, transformed as of 2026-09-30.
func auditDB(t *testing.T) *sql.DB {
	t.Helper()
	fixture, err := os.ReadFile("../transform/testdata/audit_case.sql")
	if err != nil {
		t.Fatal(err)
	}
	hostile := ";\nUPDATE reps SET name = '</script><img src=x onerror=alert(1)>' WHERE rep_id = 'B';\n"
	return buildWarehouse(t, string(fixture)+hostile, config.Default(), time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)).DB
}

func writeAuditFor(t *testing.T, db *sql.DB, lang string) (dir string, paths []string) {
	t.Helper()
	dir = t.TempDir()
	paths, err := WriteAudit(context.Background(), db, AuditOptions{Period: "2026-Q3", Language: lang, OutDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return dir, paths
}

// The figures of the quarter and its comparison, as the view shows them.
// Q3 by hand (equal weights; pending windows left out, transform/audit_models_test.go):
// C 6 checks (A7's d14 pending), only A2 1/2 failing: 100·(1 − 0.5/6) = 91.666…;
// A: A1 1/2, A2 1/2, A3 1/7, A4 0/1, A5 0/1, A6 2/3 (t6 of Q2 judged in Q3), A7 0/1, A8 3/4, A9 1/13
// → 100·(1 − 2.63644…/9) = 70.706…;
// B: A1, A2, A4, A5 1/2, A3 1/5, A7 0/1 (d12 pending), A8 0/1 (f4e pending), A9 0/12, no A6
// (t3 pending) → 100·(1 − 2.2/8) = 72.5, so B now ranks above A.
// unknown: A2 1/1, A4 1/1, A7 1/1, A9 4/5 and three clean checks → 100·(1 − 3.8/7) = 45.7…;
// unattributed: A2 1/1, A9 3/3, A1 and A6 clean → 50 (not ranked).
// Q2: A had A1 1/2 (c2), A2 2/2 (no follow-up before 06-30), A3 0/2, A7 1/1 (d1 won in Q1,
// window closed 04-30 in Q2, no survey), A9 0/3 → 100·(1 − 2.5/5) = 50 (t6 is pending in Q2); B A2 1/1 (c4 none before 06-01), A1, A3, A9 clean → 75;
// C A1 1/1 (c8 no region), A2 1/1, A3 0/1, A9 0/1 → 50, tied with A at rank 2;
// unattributed the rejected row of 06-01 → 0. Checks: A3 2/14 (Q2 0/4), A4 2/5 (Q2 none),
// A6 2/4 and 1 pending (t3) (Q2 none counted).
func TestAuditViewFigures(t *testing.T) {
	db := auditDB(t)
	lb := auditLabelsFor(i18n.EN)
	r, err := loadAudit(context.Background(), db, "2026-Q3", lb)
	if err != nil {
		t.Fatal(err)
	}
	v := newAuditView(r)
	var reps []string
	for _, p := range v.Reps {
		reps = append(reps, strings.Join([]string{p.Rank, p.ID, p.Score, p.PrevScore, p.Change, p.ChangeClass, p.PrevRank}, " "))
	}
	want := []string{
		"1 C 91.7 50.0 +41.7 good 2",
		"2 B 72.5 75.0 -2.5 bad 1",
		"3 A 70.7 50.0 +20.7 good 2",
		"not ranked unattributed 50.0 0.0 +50.0 good –",
		"not ranked unknown 45.7 –   –",
	}
	if diff := cmp.Diff(want, reps); diff != "" {
		t.Errorf("ranking (-want +got):\n%s", diff)
	}
	var checks []string
	for _, c := range v.Checks {
		if c.ID == "A3" || c.ID == "A4" || c.ID == "A6" {
			checks = append(checks, strings.Join([]string{c.ID, c.SeverityName, c.Findings, c.Opps, c.Rate, c.Pending, c.PrevFindings, c.PrevOpps, c.PrevRate, c.Change, c.ChangeClass}, " "))
		}
	}
	want = []string{
		"A3 low 2 14 14.3% 0 0 4 0.0% +14.3 pp bad",
		"A4 high 2 5 40.0% 0 0 0 –  ",
		"A6 high 2 4 50.0% 1 0 0 –  ",
	}
	if diff := cmp.Diff(want, checks); diff != "" {
		t.Errorf("checks (-want +got):\n%s", diff)
	}
	if len(v.Findings) != 26 || len(v.Pending) != 5 {
		t.Errorf("%d findings and %d pending, want 26 and 5 (t3, d12, d14, f1d, f4e)", len(v.Findings), len(v.Pending))
	}
}

func TestWriteAuditFiles(t *testing.T) {
	db := auditDB(t)
	for _, lang := range []string{"en", "zh-CN"} {
		t.Run(lang, func(t *testing.T) {
			dir, paths := writeAuditFor(t, db, lang)
			base := filepath.Join(dir, "2026-Q3", "audit-2026-Q3")
			if diff := cmp.Diff([]string{base + ".html", base + ".xlsx", base + ".csv"}, paths); diff != "" {
				t.Fatalf("paths (-want +got):\n%s", diff)
			}
			checkAuditHTML(t, paths[0], lang)
			checkAuditXLSX(t, paths[1], lang)
			checkAuditCSV(t, paths[2], lang)
		})
	}
}

func checkAuditHTML(t *testing.T, path, lang string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if strings.Contains(page, "<img src=x") {
		t.Error("hostile markup reached the page unescaped")
	}
	if n := strings.Count(page, "</script>"); n != 2 {
		t.Errorf("%d closing script tags, want 2 (ECharts and the page's script)", n)
	}
	for _, want := range []string{
		`<html lang="` + lang + `">`,
		`&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;`,            // company c3 and rep B in the tables
		`=HYPERLINK(&#34;http://example.com&#34;,&#34;x&#34;)`,         // company c4
		`\u003c/script\u003e\u003cimg src=x onerror=alert(1)\u003e`,    // rep B in the score chart's JSON
		`data-check="A6" data-rep="A" data-severity="high"`,            // a filterable finding row
		`<td class="nowrap">2026-11-09</td>`,                           // d12's survey window closes, in the pending table
		`id="f-check"`, `id="f-rep"`, `id="f-severity"`, `id="f-text"`, // the filters
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	title := map[string]string{"en": "<h1>Quarterly audit 2026-Q3</h1>", "zh-CN": "<h1>季度检查 2026-Q3</h1>"}[lang]
	if !strings.Contains(page, title) {
		t.Errorf("page lacks %s", title)
	}
}

func checkAuditXLSX(t *testing.T, path, lang string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wantSheets := map[string][]string{
		"en": {"Summary", "Reps", "A1 Customer record complete", "A2 Regular follow-up", "A3 Follow-up recorded properly",
			"A4 Contract archived", "A5 Process followed before sign", "A6 Complaints handled", "A7 Satisfaction surveyed",
			"A8 Planned follow-up kept", "A9 Data quality", "Pending"},
		"zh-CN": {"汇总", "销售排名", "A1 客户资料完整", "A2 定期回访", "A3 跟进记录规范", "A4 合同归档", "A5 签约前按流程跟进",
			"A6 投诉及时处理", "A7 满意度回访", "A8 按计划回访", "A9 数据质量", "待到期"},
	}[lang]
	if diff := cmp.Diff(wantSheets, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	// Hostile text stays a string: c3 and c4 in A1/A8 (company column E), the
	// rejected value in A9's detail (column H).
	found := map[string]bool{}
	for _, sheet := range f.GetSheetList()[2:] {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		cols := 14 // a findings sheet; the pending sheet has 9
		if sheet == wantSheets[len(wantSheets)-1] {
			cols = 9
		}
		if len(rows) == 0 || len(rows[0]) != cols {
			t.Fatalf("%s: header %v", sheet, rows)
		}
		for i, row := range rows[1:] {
			for j, v := range row {
				if !strings.Contains(v, "HYPERLINK") && !strings.Contains(v, "<img") {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
				typ, _ := f.GetCellType(sheet, cell)
				formula, _ := f.GetCellFormula(sheet, cell)
				if formula != "" || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
					t.Errorf("%s!%s = %q: type %v formula %q, want a plain string", sheet, cell, v, typ, formula)
				}
				found[v] = true
			}
		}
	}
	for _, want := range []string{auditEvilHTML, auditEvilCell} {
		if !found[want] {
			t.Errorf("workbook lacks the string %q", want)
		}
	}
	// Header frozen, autofilter on the summary, A6 has 2 findings in typed cells.
	panes, err := f.GetPanes(wantSheets[0])
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("summary panes %+v %v", panes, err)
	}
	a6, _ := f.GetRows(wantSheets[7])
	if len(a6) != 3 {
		t.Errorf("A6 sheet has %d rows, want header + 2", len(a6))
	} else if typ, _ := f.GetCellType(wantSheets[7], "G2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("A6 date cell type %v, want a number (date)", typ)
	}
	if v, _ := f.GetCellValue(wantSheets[7], "G2"); v != "2026-06-30" {
		t.Errorf("A6 first date shows %q", v)
	}
}

func checkAuditCSV(t *testing.T, path, lang string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Error("CSV lacks the BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(auditCSVHeader, recs[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if len(recs) != 32 {
		t.Errorf("%d rows, want header + 26 findings + 5 pending", len(recs))
	}
	// finding_id: A6-2026Q3- and the first 12 hex digits of md5("ticket:t2");
	// due 2026-09-30 + 14 days; A has no manager, so owns it.
	want := map[string][]string{
		"en":    {"A6", "high", "A", "c1", "", "2026-07-02", "complaint t2 resolved after 168 h 1 min (limit 168 h)"},
		"zh-CN": {"A6", "high", "A", "c1", "", "2026-07-02", "投诉工单 t2 用时 168 小时 1 分钟解决（时限 168 小时）"},
	}[lang]
	want = append(want, "A6-2026Q3-fc994bad3b16", "finding", "A", "2026-10-14", "", "false", "")
	wantPending := []string{"A7", "medium", "B", "c7", "d12", "2026-09-10", "", "A7-2026Q3-8ffe912a5937", "pending", "", "", "2026-11-09", "", ""}
	var hostile string
	var t2, d12 bool
	for _, r := range recs[1:] {
		if r[7] == want[7] {
			t2 = cmp.Equal(r, want)
			if !t2 {
				t.Errorf("A6 t2 row %q, want %q", r, want)
			}
		}
		if r[7] == wantPending[7] {
			d12 = true
			r[6] = "" // the detail, checked by the transform's tests
			if !cmp.Equal(r, wantPending) {
				t.Errorf("A7 d12 row %q, want %q", r, wantPending)
			}
		}
		if r[0] == "A9" && strings.Contains(r[6], "HYPERLINK") {
			hostile = r[6]
		}
	}
	if !t2 || !d12 {
		t.Errorf("CSV lacks t2's finding (%v) or d12's pending window (%v)", t2, d12)
	}
	if !strings.Contains(hostile, `company_name "=HYPERLINK(`) {
		t.Errorf("A9 rejected-row detail = %q", hostile)
	}
}

func TestWriteAuditRefuses(t *testing.T) {
	db := auditDB(t)
	dir := t.TempDir()
	for _, opt := range []AuditOptions{
		{Period: "2026-09", OutDir: dir},
		{Period: "../2026-Q3", OutDir: dir},
		{Period: "2026-Q5", OutDir: dir},
		{Period: "2026-Q3", Language: "fr", OutDir: dir},
		{Period: "2030-Q1", OutDir: dir}, // not begun by as_of: no audit rows
	} {
		if paths, err := WriteAudit(context.Background(), db, opt); err == nil {
			t.Errorf("%+v accepted: %v", opt, paths)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused runs left %d entries", len(entries))
	}
}

func TestAuditSheetName(t *testing.T) {
	used := map[string]bool{}
	for in, want := range map[string]string{
		"A5 Process followed before signing": "A5 Process followed before sign",
		"a/b:c*d?e[f]g\\h":                   "a b c d e f g h",
		"'quoted'":                           "quoted",
		"":                                   "Sheet",
	} {
		if got := auditSheetName(in, used); got != want {
			t.Errorf("auditSheetName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := auditSheetName("Sheet", used); got != "Sheet (2)" {
		t.Errorf("duplicate name = %q", got)
	}
}

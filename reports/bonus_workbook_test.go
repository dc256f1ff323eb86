package reports

import (
	"archive/zip"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/i18n"
)

const hostileName = `=HYPERLINK("http://example.com","x")`

// workbookFixture is transform/testdata/bonus_case.sql (its arithmetic is
// in bonus/bonus_models_test.go) plus testdata/bonus_workbook_extra.sql,
// transformed with the default plan and the given cap.
func workbookFixture(t *testing.T, maxShare string, extra ...string) (*sql.DB, bonus.Plan) {
	t.Helper()
	var fixture strings.Builder
	for _, f := range []string{"../transform/testdata/bonus_case.sql", "testdata/bonus_workbook_extra.sql"} {
		sqlText, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fixture.Write(sqlText)
		fixture.WriteString(";\n")
	}
	for _, q := range extra {
		fixture.WriteString(q + ";\n")
	}
	cfg := config.Default()
	cfg.Bonus.MaxShare = nil
	if maxShare != "" {
		d := config.D(maxShare)
		cfg.Bonus.MaxShare = &d
	}
	w := buildWarehouse(t, fixture.String(), cfg, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
	plan, err := bonus.PlanFrom(cfg.Bonus)
	if err != nil {
		t.Fatal(err)
	}
	return w.DB, plan
}

// workbookCase is one workbook of the tests with its hand-computed figures.
type workbookCase struct {
	name, lang, maxShare, period string
	alloc                        map[string]string // eligible rep → allocation
	pool, allocated, unallocated string
}

var workbookCases = []workbookCase{
	// bonus_models_test.go: pool 950.00; no cap A 591.92, B 358.08 (the cent
	// to the larger remainder); cap 285.00 fixes A and B, E has adjusted 0.
	{"october no cap en", "en", "", "2026-10", map[string]string{"A": "591.92", "B": "358.08", "E": "0.00"}, "950.00", "950.00", "0.00"},
	{"october cap zh", "zh-CN", "0.3", "2026-10", map[string]string{"A": "285.00", "B": "285.00", "E": "0.00"}, "950.00", "570.00", "380.00"},
	// September: A alone (new customers and satisfaction drop out), capped at 60.00.
	{"september cap en", "en", "0.3", "2026-09", map[string]string{"A": "60.00", "B": "0.00", "D": "0.00", "E": "0.00"}, "200.00", "60.00", "140.00"},
	// November: net −1000.00, pool 0; every eligible rep 0.00, rank 1 (E left
	// on 31 October, before November ends).
	{"november no cap zh", "zh-CN", "", "2026-11", map[string]string{"A": "0.00", "B": "0.00", "C": "0.00"}, "0.00", "0.00", "0.00"},
}

// writeCase builds the fixture, loads the bonus and writes the workbook.
func writeCase(t *testing.T, c workbookCase, dir string) (bonus.Month, string) {
	t.Helper()
	ctx := context.Background()
	db, plan := workbookFixture(t, c.maxShare)
	b, err := bonus.Load(ctx, db, c.period, plan)
	if err != nil {
		t.Fatal(err)
	}
	if c.period == "2026-10" {
		b.Adjustments = []bonus.Adjustment{{ClosedPeriod: "2026-09", RepID: "A", Frozen: 6000, Current: 5000}}
	}
	path := filepath.Join(dir, "bonus-"+strings.ReplaceAll(c.name, " ", "-")+".xlsx")
	if err := WriteBonusWorkbook(ctx, db, b, WorkbookOptions{Language: c.lang, BaseCurrency: "CNY"}, path); err != nil {
		t.Fatal(err)
	}
	return b, path
}

func TestBonusWorkbookCachedValues(t *testing.T) {
	for _, c := range workbookCases {
		t.Run(c.name, func(t *testing.T) {
			b, path := writeCase(t, c, t.TempDir())
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != FilePerm {
				t.Fatalf("stat %s: %v %v", path, fi, err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			wb := &book{lang: i18n.Lang(c.lang)}
			sum, alloc := wb.sheet("summary"), wb.sheet("allocation")
			raw := excelize.Options{RawCellValue: true}
			get := func(sheet, cell string) string {
				t.Helper()
				v, err := f.GetCellValue(sheet, cell, raw)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			// The figures as the workbook shows them without recalculation,
			// against the Bonus rows (what the bonus CSV shows) and by hand.
			wantBonus, gotBook := map[string]string{}, map[string]string{}
			for _, r := range b.Rows {
				if r.Eligible {
					wantBonus[r.RepID] = r.Allocation.String()
				}
			}
			for row := allocFirstRow; ; row++ {
				rep := get(alloc, cellRef(colRep, row))
				if rep == "" || rep == wb.t("alloc.total") {
					break
				}
				gotBook[rep] = get(alloc, cellRef(colAlloc, row))
				if fm, _ := f.GetCellFormula(alloc, cellRef(colAlloc, row)); fm == "" {
					t.Errorf("allocation of %s is not a formula", rep)
				}
			}
			if diff := cmp.Diff(wantBonus, gotBook); diff != "" {
				t.Errorf("allocations, bonus rows (-) vs workbook (+):\n%s", diff)
			}
			if diff := cmp.Diff(c.alloc, gotBook); diff != "" {
				t.Errorf("allocations, by hand (-) vs workbook (+):\n%s", diff)
			}
			gotPool := [4]string{get(sum, "B23"), get(sum, "B25"), get(sum, "B26"), get(sum, "B28")}
			if want := [4]string{b.Pool.String(), b.Allocated.String(), b.Unallocated.String(), "OK"}; gotPool != want {
				t.Errorf("pool, allocated, unallocated, check = %v, bonus says %v", gotPool, want)
			}
			if want := [4]string{c.pool, c.allocated, c.unallocated, "OK"}; gotPool != want {
				t.Errorf("pool, allocated, unallocated, check = %v, by hand %v", gotPool, want)
			}
			if typ, _ := f.GetCellType(sum, "B23"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("pool cell type %v, want a number", typ)
			}
			checkFormulaCellsHaveValues(t, path)
		})
	}
}

var formulaWithValue = regexp.MustCompile(`<c r="[A-Z]+[0-9]+"[^>]*><f>[^<]*</f><v>[^<]+</v></c>`)

// checkFormulaCellsHaveValues reads the raw sheet XML: every <f> has a <v>,
// numbers are not typed as strings, and the hostile name is no formula.
func checkFormulaCellsHaveValues(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	formulas := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		data, err := readZipFile(zf)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		nf := strings.Count(s, "<f>")
		if nv := len(formulaWithValue.FindAllString(s, -1)); nv != nf {
			t.Errorf("%s: %d formula cells, %d with a cached value", zf.Name, nf, nv)
		}
		if m := regexp.MustCompile(`t="str"><f>[^<]*</f><v>-?[0-9.]+</v>`).FindString(s); m != "" {
			t.Errorf("%s: a number cached as a string: %s", zf.Name, m)
		}
		if strings.Contains(s, "<f>HYPERLINK") || strings.Contains(s, "<f>=HYPERLINK") {
			t.Errorf("%s: the customer name became a formula", zf.Name)
		}
		formulas += nf
	}
	if formulas < 20 {
		t.Errorf("only %d formula cells in the workbook", formulas)
	}
}

func TestBonusWorkbookContent(t *testing.T) {
	c := workbookCases[0]
	_, path := writeCase(t, c, t.TempDir())
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wb := &book{lang: "en"}
	if diff := cmp.Diff(wb.sheetNames(), f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows := func(key string) [][]string {
		r, err := f.GetRows(wb.sheet(key))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// The hostile customer name: a plain string (shared, or inline on the
	// long sheets), not a formula, everywhere.
	found := 0
	for _, key := range []string{"deals", "newcustomers", "responses"} {
		for i, r := range rows(key) {
			for j, v := range r {
				if v != hostileName {
					continue
				}
				found++
				ref := cellRef(j+1, i+1)
				typ, _ := f.GetCellType(wb.sheet(key), ref)
				fm, _ := f.GetCellFormula(wb.sheet(key), ref)
				if (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) || fm != "" {
					t.Errorf("%s!%s: type %v formula %q, want a plain string", key, ref, typ, fm)
				}
			}
		}
	}
	if found != 1+1+3 { // deal d1; first win c1; responses s1, s2, s3
		t.Errorf("hostile name found in %d cells, want 5", found)
	}
	var deals []string
	for _, r := range rows("deals")[1:] {
		deals = append(deals, r[0]+" "+r[2]+" "+r[5]+" "+r[6]+" "+r[8])
	}
	wantDeals := []string{"A d1 won 2026-10-05 10000.00", "A d3 cancelled 2026-10-12 -3000.00",
		"B d4 won 2026-10-03 1000.00", "B d2 won 2026-10-10 6000.00", "B d4 cancelled 2026-10-20 -1000.00",
		"D d7 won 2026-10-02 2000.00", "E d5 won 2026-10-08 500.00", "E d5 cancelled 2026-10-08 -500.00",
		"unknown d6 won 2026-10-15 4000.00"}
	if diff := cmp.Diff(wantDeals, deals, cmp.Transformer("money", func(s string) string { return strings.NewReplacer("¥", "", ",", "").Replace(s) })); diff != "" {
		t.Errorf("deals (-want +got):\n%s", diff)
	}
	var quality []string
	for _, r := range rows("quality")[1:] {
		quality = append(quality, r[0]+" "+r[4]+" "+r[8])
	}
	if diff := cmp.Diff([]string{"warning 4 2026-10-07", "rejected row 7 2026-10-14", "rejected row 11 undated"}, quality); diff != "" {
		t.Errorf("data quality (-want +got):\n%s", diff)
	}
	adj := rows("adjustments")
	if len(adj) < 2 || strings.Join(adj[1][:2], " ") != "2026-09 A" {
		t.Errorf("adjustments: %v", adj)
	} else if v, _ := f.GetCellValue(wb.sheet("adjustments"), "E2", excelize.Options{RawCellValue: true}); v != "-10.00" {
		t.Errorf("adjustment difference %q, want -10.00", v)
	}
	excluded := map[string]string{}
	for _, r := range rows("allocation") {
		if len(r) >= 5 && strings.Contains(r[4], "roster") || len(r) >= 5 && strings.Contains(r[4], "month end") {
			excluded[r[0]] = r[4]
		}
	}
	if diff := cmp.Diff(map[string]string{"C": "hired after month end", "D": "left before month end", "unknown": "not in the roster"}, excluded); diff != "" {
		t.Errorf("excluded reps (-want +got):\n%s", diff)
	}
	text := ""
	for _, r := range rows("statements") {
		text += strings.Join(r, "") + "\n"
	}
	for _, want := range []string{
		"In 2026-10 you won 1 deal(s) for ¥10,000.00; cancellations in the month were ¥3,000.00; your net sales are ¥7,000.00.",
		"Counted for the bonus: ¥7,000.00, which is 53.85% of the eligible reps' net sales counted (¥13,000.00).",
		"Survey responses: 3, 2 satisfied: csat 66.67%. With at least 3 responses it counts: 100.00% of the eligible reps' satisfaction total.",
		"Score = 0.6000 × 0.5385 + 0.2000 × 0.5000 + 0.2000 × 1.0000 = 0.6231 (effective weight × share).",
		"Your share of the pool of ¥950.00 before rounding: ¥591.923077 (no cap).",
		"Your allocation: ¥591.92 (rank 1 of 3).",
		"Rounded down to the cent: ¥358.07; plus one cent",
		"Your allocation: ¥0.00 (rank 3 of 3).",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("statements lack %q", want)
		}
	}
}

package reports

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/money"
)

// modelFixture is a small month modelled without the cap: A's 600.00 of
// a 1,000.00 pool was capped at 300.00 under the default plan; B is
// ineligible, C takes the rest. ModelOf does the arithmetic; this test is
// about the files agreeing with each other, not about the figures.
func modelFixture(t *testing.T) bonus.Model {
	t.Helper()
	def, err := bonus.PlanFrom(config.Default().Bonus)
	if err != nil {
		t.Fatal(err)
	}
	b, err := config.OverrideBonus(config.Default().Bonus, "bonus.max_share", "null")
	if err != nil {
		t.Fatal(err)
	}
	changed, err := bonus.PlanFrom(b)
	if err != nil {
		t.Fatal(err)
	}
	row := func(id, name string, eligible bool, net, alloc string, rank int) bonus.Row {
		return bonus.Row{Period: "2026-10", RepID: id, RepName: name, Team: "=T1", Eligible: eligible,
			NetSales: money.MustParse(net), Allocation: money.MustParse(alloc), Rank: bonus.Rank(rank), RowDetail: &bonus.RowDetail{}}
	}
	m := bonus.Month{Period: "2026-10", Plan: def.Record(), NetSales: money.MustParse("20000.00"),
		Pool: money.MustParse("1000.00"), Allocated: money.MustParse("600.00"), Unallocated: money.MustParse("400.00"),
		PoolDetail: &bonus.PoolDetail{Cap: money.MustParse("300.00"), CapEnabled: true},
		Rows: []bonus.Row{row("A", "Ann", true, "15000.00", "300.00", 1), row("B", "Bo", false, "1000.00", "0.00", 0),
			row("C", "Cy", true, "4000.00", "300.00", 1)}}
	mod, err := bonus.ModelOf(m, changed)
	if err != nil {
		t.Fatal(err)
	}
	return mod
}

// The CSV and the workbook carry the same figures: every rep's and every
// total's current, modelled and difference, the modelled derivation and
// the ranks, read back from the XLSX as the exact text stored.
func TestModelCSVAndWorkbookAgree(t *testing.T) {
	for _, lang := range []string{"en", "zh-CN"} {
		t.Run(lang, func(t *testing.T) {
			ctx := context.Background()
			m := modelFixture(t)
			dir := t.TempDir()
			csvPath, xlsxPath := filepath.Join(dir, "model-2026-10.csv"), filepath.Join(dir, "model-2026-10.xlsx")
			if err := WriteModelCSV(ctx, csvPath, m); err != nil {
				t.Fatal(err)
			}
			if err := WriteModelWorkbook(ctx, xlsxPath, m, WorkbookOptions{Language: lang, BaseCurrency: "CNY"}); err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{csvPath, xlsxPath} {
				if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != FilePerm {
					t.Errorf("%s: %v %v", p, fi, err)
				}
			}
			raw, err := os.ReadFile(csvPath)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\ufeff"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(recs[0], ",") != strings.Join(ModelCSVHeader, ",") || len(recs) != 1+len(m.Rows)+len(ModelTotalLines) {
				t.Fatalf("csv header %v, %d records", recs[0], len(recs))
			}
			f, err := excelize.OpenFile(xlsxPath)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			wb := &book{lang: i18n.Lang(lang)}
			sheet := wb.t("model.sheet")
			cell := func(col, row int) string {
				v, err := f.GetCellValue(sheet, cellRef(col, row), excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			yes := map[string]string{"true": wb.t("yes"), "false": wb.t("no"), "": ""}
			header := modelHeaderRow(m)
			for i, rec := range recs[1 : 1+len(m.Rows)] {
				row := header + 1 + i
				// CSV column → the workbook's column holding the same figure.
				want := map[int]string{modelColRep: strings.TrimPrefix(rec[2], "'"), modelColName: rec[3], modelColTeam: strings.TrimPrefix(rec[4], "'"),
					modelColEligible: yes[rec[5]], modelColCurrent: rec[6], modelColModelled: rec[7], modelColDifference: rec[8],
					modelColShareSales: rec[9], modelColShareNew: rec[10], modelColShareSat: rec[11], modelColScore: rec[12],
					modelColMultiplier: rec[13], modelColCapped: yes[rec[14]], modelColCurrentRank: rec[15], modelColRank: rec[16]}
				for col, v := range want {
					if got := cell(col, row); got != v {
						t.Errorf("rep %s column %d: xlsx %q, csv %q", rec[2], col, got, v)
					}
				}
			}
			for i, rec := range recs[1+len(m.Rows):] {
				row := header + len(m.Rows) + 2 + i
				if rec[1] != ModelTotalLines[i] || cell(modelColRep, row) != wb.t("model.total."+rec[1]) ||
					cell(modelColCurrent, row) != rec[6] || cell(modelColModelled, row) != rec[7] || cell(modelColDifference, row) != rec[8] {
					t.Errorf("total %v: xlsx %q %q %q %q", rec, cell(modelColRep, row), cell(modelColCurrent, row), cell(modelColModelled, row), cell(modelColDifference, row))
				}
			}
			// The totals the CSV states, so the comparison above is of something.
			if got := strings.Join(recs[len(recs)-2][6:9], " "); got != "600.00 1000.00 400.00" {
				t.Errorf("allocated current, modelled, difference: %s", got)
			}
			checkPlansSheet(t, f, wb, m)
		})
	}
}

// checkPlansSheet: both plans side by side; the one changed setting
// (max_share) is marked and filled, the others are not.
func checkPlansSheet(t *testing.T, f *excelize.File, wb *book, m bonus.Model) {
	t.Helper()
	sheet := wb.t("model.plans_sheet")
	for i, s := range m.CurrentPlan.Settings() {
		row := 4 + i
		key, _ := f.GetCellValue(sheet, cellRef(1, row))
		cur, _ := f.GetCellValue(sheet, cellRef(2, row), excelize.Options{RawCellValue: true})
		mod, _ := f.GetCellValue(sheet, cellRef(3, row), excelize.Options{RawCellValue: true})
		mark, _ := f.GetCellValue(sheet, cellRef(4, row))
		styleID, err := f.GetCellStyle(sheet, cellRef(1, row))
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(styleID)
		if err != nil {
			t.Fatal(err)
		}
		filled := len(st.Fill.Color) > 0
		changed := s.Key == "max_share"
		wantMod := m.ModelPlan.Settings()[i].Value
		if changed {
			wantMod = wb.t("model.no_cap")
		}
		if key != "bonus."+s.Key || cur != s.Value || mod != wantMod || (mark != "") != changed || filled != changed {
			t.Errorf("plans row %d: %q %q %q %q filled %v", row, key, cur, mod, mark, filled)
		}
	}
}

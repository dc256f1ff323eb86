package reports

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/money"
)

// The clawback balance is in the bonus CSV and JSON only when the plan
// recovers clawbacks: two more CSV columns and a clawback object per row.
func TestBonusFilesShowTheClawbackBalanceOnlyWhenRecovering(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		recover  bool
		header   string // the CSV header's tail
		rowA     string // A's CSV line's tail
		jsonPart string // in the JSON when recovering
	}{
		{true, ",allocation,rank,clawback_brought_forward,clawback_carried_forward", ",0.00,1,2000.00,500.00",
			`"clawback": {
        "brought_forward": "2000.00",
        "carried_forward": "500.00"
      }`},
		{false, ",allocation,rank", ",0.00,1", ""},
	} {
		m := bonus.Month{Period: "2026-10", Plan: bonus.PlanRecord{RecoverClawbacks: tt.recover},
			Rows: []bonus.Row{{Period: "2026-10", RepID: "A", RepName: "Ann", Eligible: true, NetSales: money.MustParse("1500.00"), Rank: 1}}}
		if tt.recover {
			m.Rows[0].Clawback = &bonus.Clawback{BroughtForward: money.MustParse("2000.00"), CarriedForward: money.MustParse("500.00")}
		}
		dir := t.TempDir()
		if err := WriteBonusCSV(ctx, filepath.Join(dir, "b.csv"), m); err != nil {
			t.Fatal(err)
		}
		if err := WriteBonusJSON(ctx, filepath.Join(dir, "b.json"), m, testBuild); err != nil {
			t.Fatal(err)
		}
		csvText, _ := os.ReadFile(filepath.Join(dir, "b.csv"))
		lines := strings.Split(strings.TrimSpace(string(csvText)), "\r\n")
		if len(lines) != 2 || !strings.HasSuffix(lines[0], tt.header) || !strings.HasSuffix(lines[1], tt.rowA) {
			t.Errorf("recover %v: csv\n%s", tt.recover, csvText)
		}
		js, _ := os.ReadFile(filepath.Join(dir, "b.json"))
		if tt.recover != strings.Contains(string(js), `"clawback"`) || !strings.Contains(string(js), tt.jsonPart) {
			t.Errorf("recover %v: json\n%s", tt.recover, js)
		}
	}
}

// The workbook's statement of a rep under recovery says what was brought
// forward and what is still owed; without recovery it says nothing of it.
func TestWorkbookStatementExplainsTheClawbackBalance(t *testing.T) {
	for _, recover := range []bool{true, false} {
		wb := newBook(WorkbookOptions{Language: "en", BaseCurrency: "CNY"})
		r := bonus.Row{Period: "2026-10", RepID: "A", Eligible: true, NetSales: money.MustParse("1500.00"), RowDetail: &bonus.RowDetail{}}
		if recover {
			r.Clawback = &bonus.Clawback{BroughtForward: money.MustParse("2000.00"), CarriedForward: money.MustParse("500.00")}
		}
		m := bonus.Month{Period: "2026-10", Plan: bonus.PlanRecord{RecoverClawbacks: recover}, PoolDetail: &bonus.PoolDetail{}, Rows: []bonus.Row{r}}
		text := strings.Join(wb.statementLines(m, r, [3]*big.Rat{new(big.Rat), new(big.Rat), new(big.Rat)}, 1), "\n")
		if wb.err != nil {
			t.Fatal(wb.err)
		}
		has := strings.Contains(text, "Clawback recovery: ¥2,000.00 owed from earlier months' negative net sales was taken off the sales counted this month; ¥500.00 is still owed after it.")
		if has != recover {
			t.Errorf("recover %v:\n%s", recover, text)
		}
	}
}

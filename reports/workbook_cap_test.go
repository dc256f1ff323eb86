package reports

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
)

// TestDetailSheetsAreCappedWithEveryRowBeside: a month with more deal
// events than a sheet holds shows the first detailSheetRows of them with a
// note saying how many there are, and writes every one to the CSV beside
// the workbook; a later month under the cap removes that CSV rather than
// leave a stale one.
func TestDetailSheetsAreCappedWithEveryRowBeside(t *testing.T) {
	ctx := context.Background()
	db, plan := workbookFixture(t, "0.3")
	b, err := bonus.Load(ctx, db, "2026-10", plan)
	if err != nil {
		t.Fatal(err)
	}
	in, err := LoadMonthInputs(ctx, db, DashboardOptions{Period: "2026-10", Language: "en", BaseCurrency: "CNY"})
	if err != nil {
		t.Fatal(err)
	}
	small := in.detail
	over := detailSheetRows + 5 - len(small.deals)
	big := small
	big.deals = append([]dealLine(nil), small.deals...)
	for i := range over {
		big.deals = append(big.deals, dealLine{RepID: "A", RepName: "Ann", DealID: fmt.Sprintf("X%06d", i), CustomerID: "=HYPERLINK(\"x\")",
			Event: "won", Date: "2026-10-20", Amount: "10.00"})
	}
	path := filepath.Join(t.TempDir(), "bonus-2026-10.xlsx")
	in.detail = big
	files, err := WriteBonusWorkbookOf(ctx, b, in, WorkbookOptions{Language: "en", BaseCurrency: "CNY"}, path)
	if err != nil {
		t.Fatal(err)
	}
	want := DetailCSVPath(path, "deals")
	if len(files) != 1 || files[0] != want {
		t.Fatalf("detail CSVs %v, want only %s", files, want)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := (&book{lang: "en"}).sheet("deals")
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var data int
	for _, r := range rows[1:] {
		if len(r) > 2 && r[2] != "" {
			data++
		}
	}
	if data != detailSheetRows {
		t.Errorf("the deals sheet holds %d deal rows, want the cap %d", data, detailSheetRows)
	}
	note := strings.Join(rows[len(rows)-1], " ")
	if !strings.Contains(note, fmt.Sprintf("first %d of %d rows", detailSheetRows, len(big.deals))) || !strings.Contains(note, "-deals.csv") {
		t.Errorf("the sheet's last row does not say it is capped and where the rest is: %q", note)
	}
	fh, err := os.Open(want)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(big.deals)+1 {
		t.Errorf("%s holds %d rows, want every one of the %d deal events", want, len(recs)-1, len(big.deals))
	}
	last := recs[len(recs)-1]
	if last[2] != fmt.Sprintf("X%06d", over-1) || !strings.HasPrefix(last[3], "'=") {
		t.Errorf("last row %v: want deal X%06d with its customer kept as text", last, over-1)
	}

	// The statements list each rep's first statementDealLines deals in the
	// detail's order and say how many more the CSV holds.
	var ofA, listedX int
	for _, l := range big.deals {
		if l.RepID == "A" {
			ofA++
		}
	}
	stRows, err := f.GetRows((&book{lang: "en"}).sheet("statements"))
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, r := range stRows {
		line := strings.Join(r, "")
		if strings.Contains(line, " · X0") {
			listedX++
		}
		text += line + "\n"
	}
	if wantX := statementDealLines - (ofA - over); listedX != wantX {
		t.Errorf("the statements list %d of rep A's added deals, want %d (its first %d deals in all)", listedX, wantX, statementDealLines)
	}
	if more := fmt.Sprintf("… and %d more", ofA-statementDealLines); !strings.Contains(text, more) {
		t.Errorf("the statements do not say %q", more)
	}

	in.detail = small
	if files, err = WriteBonusWorkbookOf(ctx, b, in, WorkbookOptions{Language: "en", BaseCurrency: "CNY"}, path); err != nil || len(files) != 0 {
		t.Fatalf("under the cap: CSVs %v, err %v", files, err)
	}
	if _, err := os.Stat(want); !os.IsNotExist(err) {
		t.Errorf("%s from the capped run is still there: %v", want, err)
	}
}

// TestFirstByRep: each rep's lines keep the detail's order, however the
// reps interleave; a rep counts every line but keeps the positions of its
// first statementDealLines; a rep without lines has none.
func TestFirstByRep(t *testing.T) {
	var lines []dealLine
	for i := range statementDealLines + 3 {
		lines = append(lines, dealLine{RepID: "B", DealID: fmt.Sprint("b", i)}, dealLine{RepID: "A", DealID: fmt.Sprint("a", i)})
	}
	lines = append(lines, dealLine{RepID: "C", DealID: "c0"})
	g := firstByRep(lines, func(l dealLine) string { return l.RepID })
	for _, c := range []struct {
		rep   string
		n     int
		first []string
	}{
		{"A", statementDealLines + 3, nil},
		{"B", statementDealLines + 3, nil},
		{"C", 1, []string{"c0"}},
		{"D", 0, nil},
	} {
		got := g.of(c.rep)
		var ids []string
		for _, i := range got.first {
			if lines[i].RepID != c.rep {
				t.Fatalf("rep %s holds line %d of rep %s", c.rep, i, lines[i].RepID)
			}
			ids = append(ids, lines[i].DealID)
		}
		want := c.first
		if c.rep == "A" || c.rep == "B" {
			for i := range statementDealLines {
				want = append(want, fmt.Sprint(strings.ToLower(c.rep), i))
			}
		}
		if got.n != c.n || !slices.Equal(ids, want) {
			t.Errorf("rep %s: %d lines, kept %d (%s); want %d, kept %d (%s)", c.rep, got.n, len(ids), ends(ids), c.n, len(want), ends(want))
		}
	}
}

// ends is the first and last of ids, for a short message.
func ends(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return ids[0] + " … " + ids[len(ids)-1]
}

// TestAppendCellRef: the long sheets' references are excelize's.
func TestAppendCellRef(t *testing.T) {
	for _, c := range [][2]int{{1, 1}, {26, 2}, {27, 3}, {52, 20003}, {53, 9}, {702, 1}, {703, 1}, {16384, 1048576}} {
		if got, want := string(appendCellRef(nil, c[0], c[1])), cellRef(c[0], c[1]); got != want {
			t.Errorf("column %d row %d: %s, want %s", c[0], c[1], got, want)
		}
	}
}

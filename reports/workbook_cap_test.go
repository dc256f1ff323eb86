package reports

import (
	"bytes"
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
	b, in := octoberOf(t, "0.3")
	small, err := in.detail.hold(ctx)
	if err != nil {
		t.Fatal(err)
	}
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

// octoberOf is October of the workbook fixture (with extra statements run
// before the transform): its bonus and its reports' inputs, read live.
func octoberOf(t *testing.T, maxShare string, extra ...string) (bonus.Month, *MonthInputs) {
	t.Helper()
	ctx := context.Background()
	db, plan := workbookFixture(t, maxShare, extra...)
	b, err := bonus.Load(ctx, db, "2026-10", plan)
	if err != nil {
		t.Fatal(err)
	}
	in, err := LoadMonthInputs(ctx, db, DashboardOptions{Period: "2026-10", Language: "en", BaseCurrency: "CNY"})
	if err != nil {
		t.Fatal(err)
	}
	return b, in
}

// TestByRep: each rep's lines keep the detail's order, however the reps
// interleave; a rep counts every line but keeps its first
// statementDealLines; a rep without lines has none.
func TestByRep(t *testing.T) {
	g := byRep[dealLine]{}
	for i := range statementDealLines + 3 {
		g.add(dealLine{RepID: "B", DealID: fmt.Sprint("b", i)})
		g.add(dealLine{RepID: "A", DealID: fmt.Sprint("a", i)})
	}
	g.add(dealLine{RepID: "C", DealID: "c0"})
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
		for _, l := range got.first {
			if l.RepID != c.rep {
				t.Fatalf("rep %s holds a line of rep %s", c.rep, l.RepID)
			}
			ids = append(ids, l.DealID)
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

// TestLiveDetailWritesWhatItsRecordWrites: an open month's detail is read
// from the warehouse as its files are written, not held, and a close
// copies it to closed_detail_lines in SQL. A month of more deal events
// than a sheet shows writes the same workbook and the same CSV read live,
// held in memory, from the lines its close copied, and from a record that
// holds them (a close before the table): a closed month says what it said
// while it was open.
func TestLiveDetailWritesWhatItsRecordWrites(t *testing.T) {
	ctx := context.Background()
	// Interleaved reps, one customer whose id a spreadsheet would run as a
	// formula, a cancellation: the sheet's first rows, each rep's first
	// statementDealLines and the CSV's quoting all have something to get
	// wrong.
	b, in := octoberOf(t, "0.3", `INSERT INTO customers (customer_id, company_name) VALUES ('=1+2', '=HYPERLINK("x")')`,
		fmt.Sprintf(`INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, close_date, cancel_date)
		SELECT 'Z' || lpad(i::VARCHAR, 6, '0'), CASE WHEN i %% 7 = 0 THEN '=1+2' ELSE 'c1' END, CASE WHEN i %% 3 = 0 THEN 'B' ELSE 'A' END,
			CASE WHEN i %% 11 = 0 THEN 'cancelled' ELSE 'won' END, 10.00 + i, DATE '2026-10-20' - (i %% 19)::INTEGER,
			CASE WHEN i %% 11 = 0 THEN DATE '2026-10-29' END
		FROM range(%d) t(i)`, detailSheetRows+40))
	if in.detail.from == nil || len(in.detail.deals) != 0 {
		t.Fatalf("an open month's detail is held (%d deal lines), not read as it is written", len(in.detail.deals))
	}
	db := in.detail.from.db
	held, err := in.detail.hold(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(held.deals); n <= detailSheetRows+40 {
		t.Fatalf("the month has %d deal events, want more than the %d added", n, detailSheetRows+40)
	}
	// A close of the live month: the record names the table and its
	// statements copy the lines there, as bonus.Close runs them.
	views, lines, err := EncodeMonthInputs(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(detailKinds)+1 || bytes.Contains(views["detail"], []byte("Z000001")) {
		t.Fatalf("the close of a live month has %d statements for its lines and %d bytes of them in its record; want one a sheet after a delete, and none",
			len(lines), len(views["detail"]))
	}
	// Twice: lines a close finds there already (left by a reopen that did
	// not know the table) are replaced, not listed twice.
	for range 2 {
		for _, st := range lines {
			if _, err := db.ExecContext(ctx, st.SQL, st.Args...); err != nil {
				t.Fatal(err)
			}
		}
	}
	var copied int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM closed_detail_lines WHERE period = '2026-10' AND sheet = 'deals'`).Scan(&copied); err != nil || copied != len(held.deals) {
		t.Fatalf("closed_detail_lines holds %d deal lines (%v), want %d", copied, err, len(held.deals))
	}
	frozen, ok, err := DecodeMonthInputs(db, "2026-10", views)
	if err != nil || !ok {
		t.Fatalf("reading the record back: ok %v, err %v", ok, err)
	}
	// A month closed before the lines had a table: its record holds them.
	m := *in
	m.detail = held
	views1, lines1, err := EncodeMonthInputs(ctx, &m)
	if err != nil || len(lines1) != 0 {
		t.Fatalf("a held month's close: %d statements, %v", len(lines1), err)
	}
	frozen1, ok, err := DecodeMonthInputs(db, "2026-10", views1)
	if err != nil || !ok || len(frozen1.detail.deals) != len(held.deals) {
		t.Fatalf("reading a record with its lines back: ok %v, err %v", ok, err)
	}
	write := func(name string, d workbookDetail) map[string][]byte {
		t.Helper()
		dir := filepath.Join(t.TempDir(), name)
		m := *in
		m.detail = d
		path := filepath.Join(dir, "bonus-2026-10.xlsx")
		files, err := WriteBonusWorkbookOf(ctx, b, &m, WorkbookOptions{Language: "en", BaseCurrency: "CNY"}, path)
		if err != nil {
			t.Fatal(err)
		}
		if want := DetailCSVPath(path, "deals"); len(files) != 1 || files[0] != want {
			t.Fatalf("%s: detail CSVs %v, want only %s", name, files, want)
		}
		out := map[string][]byte{}
		for _, f := range append(files, path) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(f)] = b
		}
		return out
	}
	live := write("live", in.detail)
	csvText := string(live["bonus-2026-10-deals.csv"])
	if got, want := strings.Count(csvText, "\r\n")-1, len(held.deals); got != want {
		t.Errorf("the live CSV lists %d deal events, want %d", got, want)
	}
	if !strings.Contains(csvText, ",'=1+2,") {
		t.Errorf("the live CSV does not keep the customer id =1+2 as text")
	}
	for name, d := range map[string]workbookDetail{"held": held, "frozen": frozen.detail, "frozen with its lines": frozen1.detail} {
		got := write(name, d)
		for f, b := range live {
			if !bytes.Equal(got[f], b) {
				t.Errorf("%s: %s differs from the live month's (%d bytes against %d)", name, f, len(got[f]), len(b))
			}
		}
	}
	// A frozen line that no longer reads back (a field renamed since the
	// close) fails the workbook, naming the month, the sheet and the line.
	if _, err := db.ExecContext(ctx, `UPDATE closed_detail_lines SET line = replace(line, '"RepID"', '"Rep"')
		WHERE period = '2026-10' AND sheet = 'deals' AND seq = 3`); err != nil {
		t.Fatal(err)
	}
	_, _, err = showDetail(ctx, frozen.detail, "")
	if err == nil || !strings.Contains(err.Error(), "deals sheet of closed 2026-10: line 3") || !strings.Contains(err.Error(), `"Rep"`) {
		t.Errorf("a frozen line renamed since: %v", err)
	}
}

// TestRepSheetsGiveEachRepItsLines: each rep asked for gets every line of
// its own from all three sheets, in their order, whatever reps come
// between; a rep without lines gets none; lines out of rep order are an
// error, not a statement missing lines.
func TestRepSheetsGiveEachRepItsLines(t *testing.T) {
	ctx := context.Background()
	d := workbookDetail{
		deals: []dealLine{{RepID: "A", DealID: "a1"}, {RepID: "A", DealID: "a2"}, {RepID: "B", DealID: "b1"}, {RepID: "C", DealID: "c1"},
			{RepID: "E", DealID: "e1"}},
		newCustomers: []newCustomerLine{{RepID: "B", CustomerID: "nb"}, {RepID: "C", CustomerID: "nc"}},
		responses:    []responseLine{{RepID: "A", SurveyID: "sa"}, {RepID: "D", SurveyID: "sd"}, {RepID: "E", SurveyID: "se"}},
	}
	sheets := openRepSheets(ctx, d)
	defer sheets.close()
	for _, c := range []struct{ rep, want string }{
		{"A", "a1 a2 | | sa"}, {"C", "c1 | nc |"}, {"D", "| | sd"}, {"DD", "| |"}, {"E", "e1 | | se"}, {"F", "| |"},
	} {
		deals, news, responses, err := sheets.of(c.rep)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range deals {
			got = append(got, l.DealID)
		}
		got = append(got, "|")
		for _, l := range news {
			got = append(got, l.CustomerID)
		}
		got = append(got, "|")
		for _, l := range responses {
			got = append(got, l.SurveyID)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("rep %s: %q, want %q", c.rep, g, c.want)
		}
	}
	bad := openRepSheets(ctx, workbookDetail{deals: []dealLine{{RepID: "B"}, {RepID: "A"}}})
	defer bad.close()
	if _, _, _, err := bad.of("C"); err == nil || !strings.Contains(err.Error(), "not in rep order") {
		t.Errorf("lines out of rep order: %v", err)
	}
}

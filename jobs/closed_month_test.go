package jobs

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/warehouse"
)

// workbookText is every cell of every sheet of an XLSX, one line per row,
// prefixed by its sheet.
func workbookText(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, "|") + "\n")
		}
		out[s] = b.String()
	}
	return out
}

// A closed month renders from what its close froze, in all its files:
// late data and a changed plan move none of them, each says it is closed
// and by whom; a reopen says why. The adjustments the late data causes
// are listed alike by the next month's workbook, CSV and JSON, before and
// after that month is closed, and not again once it is.
func TestClosedMonthRendersFromItsRecordEverywhere(t *testing.T) {
	ctx := context.Background()
	r, ing, out := testRunner(t)
	run := func(p string) Outcome {
		t.Helper()
		o, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: p})
		if err != nil {
			t.Fatalf("run %s: %v", p, err)
		}
		return o
	}
	file := func(p, name string) string { return filepath.Join(out, p, name+"-"+p) }
	run("2026-10")
	if _, err := r.Close(ctx, "2026-10", SignOff{By: "fin"}); err != nil {
		t.Fatal(err)
	}
	// The close copied the month's detail lines in SQL, not into its
	// record's JSON.
	if n := frozenLineCount(t, r, "2026-10"); n == 0 {
		t.Error("the close of October copied none of its detail lines to closed_detail_lines")
	}
	oct := map[string][]byte{}
	for _, name := range []string{"bonus.csv", "bonus.json", "kpis.csv", "adjustments.csv"} {
		base, ext, _ := strings.Cut(name, ".")
		oct[name] = read(t, file("2026-10", base)+"."+ext)
	}

	// Late October data: a deal and a new rep's deal, a cancellation, a
	// survey response; and the plan's rate doubled after the close.
	ing.pending = []string{`INSERT INTO reps (rep_id, name, team) VALUES ('F', 'Fay', 'T1');
		INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, close_date, cancel_date) VALUES
		('late1', 'c20', 'F', 'won', 100000.00, DATE '2026-10-28', NULL),
		('late2', 'c2', 'B', 'won', 8000.00, DATE '2026-10-20', NULL),
		('late3', 'c1', 'A', 'cancelled', 680.00, DATE '2026-10-01', DATE '2026-10-25'),
		('dec1', 'c21', 'A', 'won', 20000.00, DATE '2026-12-02', NULL);
		INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score) VALUES ('late4', 'c1', 'A', DATE '2026-10-29', 5)`}
	cfg, err := config.Parse(filepath.Join(filepath.Dir(out), "salesops.yaml"), []byte("version: 1\nbonus:\n  pool_rate: 0.10\n"))
	if err != nil {
		t.Fatal(err)
	}
	r.Config = cfg
	if o := run("2026-10"); !o.Closed {
		t.Fatal("the rerun of a closed month does not say closed")
	}
	for name, want := range oct {
		base, ext, _ := strings.Cut(name, ".")
		if got := read(t, file("2026-10", base)+"."+ext); !bytes.Equal(got, want) {
			t.Errorf("%s of the closed month moved:\n%s\nwas\n%s", name, got, want)
		}
	}
	if !bytes.Contains(oct["bonus.json"], []byte(`"closed_by": "fin"`)) || !bytes.Contains(oct["bonus.csv"], []byte(",285.00,1\r\n")) {
		t.Errorf("the closed JSON lacks its closer or the CSV A's 285.00:\n%s\n%s", oct["bonus.json"], oct["bonus.csv"])
	}
	// Pool 950.00 at 5% of 19,000.00 net; live it would be 10% of 127,000.00.
	dash := string(read(t, file("2026-10", "dashboard")+".html"))
	for _, want := range []string{"Closed on", "by fin", "950.00", "19,000.00"} {
		if !strings.Contains(dash, want) {
			t.Errorf("the closed dashboard lacks %q", want)
		}
	}
	for _, bad := range []string{"12,700.00", "127,000.00", "Fay"} {
		if strings.Contains(dash, bad) {
			t.Errorf("the closed dashboard shows the live %q", bad)
		}
	}
	wb := workbookText(t, file("2026-10", "bonus")+".xlsx")
	all := strings.Join(func() []string {
		var s []string
		for _, v := range wb {
			s = append(s, v)
		}
		return s
	}(), "\n")
	for _, late := range []string{"late1", "late2", "late3", "late4", "Fay"} {
		if strings.Contains(all, late) {
			t.Errorf("the closed workbook lists the late %s", late)
		}
	}
	if !strings.Contains(wb["Summary"], "Closed on") || !strings.Contains(wb["Summary"], "by fin") {
		t.Errorf("the closed workbook's summary lacks the close:\n%s", wb["Summary"])
	}
	cards := workbookText(t, file("2026-10", "scorecards")+".xlsx")
	if _, ok := cards["Fay"]; ok || !strings.Contains(cards["Summary"], "Closed on") {
		t.Errorf("the closed scorecards: sheets %v, summary:\n%s", len(cards), cards["Summary"])
	}
	// Each rep's own statement lists what the month was closed with too:
	// B's won deals agree with B's closed figures, without the late one.
	o, err := r.Statements(ctx, "2026-10", false)
	if err != nil {
		t.Fatal(err)
	}
	var sawB bool
	for _, p := range o.Outputs {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		page := string(read(t, p))
		sawB = sawB || strings.Contains(page, "d2")
		for _, late := range []string{"late2", "late3", "late4"} {
			if strings.Contains(page, late) {
				t.Errorf("the closed month's statement %s lists the late %s", filepath.Base(p), late)
			}
		}
	}
	if !sawB {
		t.Errorf("no statement lists B's deal d2: %v", o.Outputs)
	}
	if idx := string(read(t, filepath.Join(out, "index.html"))); !strings.Contains(idx, "Closed on") {
		t.Error("the index does not mark October closed")
	}

	// November lists the adjustments to October alike in its three files,
	// before and after its close.
	run("2026-11")
	adj := func() (string, string, string) {
		csv := string(read(t, file("2026-11", "adjustments")+".csv"))
		js := string(read(t, file("2026-11", "bonus")+".json"))
		return csv, js, workbookText(t, file("2026-11", "bonus")+".xlsx")["Adjustments"]
	}
	csv1, js1, sheet1 := adj()
	for _, want := range []string{"2026-10,F,0.00,"} {
		if !strings.Contains(csv1, want) {
			t.Errorf("November's adjustments lack %q:\n%s", want, csv1)
		}
	}
	if n := strings.Count(csv1, "\r\n") - 1; n < 2 || strings.Count(js1, `"closed_period": "2026-10"`) != n || strings.Count(sheet1, "2026-10|") != n {
		t.Errorf("November's adjustments disagree: CSV %d rows, JSON %d, sheet %d\n%s\n%s", n,
			strings.Count(js1, `"closed_period": "2026-10"`), strings.Count(sheet1, "2026-10|"), csv1, sheet1)
	}
	oc, err := r.Close(ctx, "2026-11", SignOff{By: "fin"})
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(oc.Notes, "\n"); !strings.Contains(notes, "2026-11 pays") || strings.Contains(notes, "await") {
		t.Errorf("the close of November does not say it pays the adjustments: %s", notes)
	}
	csv2, js2, sheet2 := adj()
	if csv2 != csv1 || sheet2 != sheet1 || strings.Count(js2, `"closed_period": "2026-10"`) != strings.Count(js1, `"closed_period": "2026-10"`) {
		t.Errorf("closing November changed its adjustments:\n%s\n%s\nwas\n%s\n%s", csv2, sheet2, csv1, sheet1)
	}
	// December: November paid them, so none is due again.
	run("2026-12")
	if got := string(read(t, file("2026-12", "adjustments")+".csv")); strings.Contains(got, "2026-10") {
		t.Errorf("December lists adjustments November paid:\n%s", got)
	}

	// A reopened month says why, and renders live again.
	if _, err := r.Reopen(ctx, "2026-10", SignOff{By: "fin", Reason: "late deal late1 approved"}); err != nil {
		t.Fatal(err)
	}
	if n := frozenLineCount(t, r, "2026-10"); n != 0 {
		t.Errorf("the reopen left %d of October's frozen detail lines", n)
	}
	run("2026-10")
	dash = string(read(t, file("2026-10", "dashboard")+".html"))
	if !strings.Contains(dash, "Reopened on") || !strings.Contains(dash, "late deal late1 approved") || strings.Contains(dash, "Closed on") {
		t.Error("the reopened dashboard does not say why it was reopened")
	}
	if _, err := os.Stat(file("2026-10", "bonus") + ".xlsx"); err != nil {
		t.Fatal(err)
	}
}

// frozenLineCount is how many detail lines the close of period copied.
func frozenLineCount(t *testing.T, r *Runner, period string) int {
	t.Helper()
	w, err := warehouse.Open(context.Background(), r.Config.WarehousePath(), warehouse.Options{ReadOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var n int
	if err := w.DB.QueryRowContext(context.Background(), `SELECT count(*) FROM closed_detail_lines WHERE period = ?`, period).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A month closed before salesops froze its reports' inputs still shows its
// closed bonus on the dashboard, and the run says the rest is live.
func TestMonthClosedWithoutFrozenInputs(t *testing.T) {
	ctx := context.Background()
	r, ing, out := testRunner(t)
	if _, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Close(ctx, "2026-10", SignOff{By: "fin"}); err != nil {
		t.Fatal(err)
	}
	ing.pending = []string{`DELETE FROM closed_views;
		INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, close_date) VALUES ('late2', 'c2', 'B', 'won', 8000.00, DATE '2026-10-20')`}
	o, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(o.Notes, "\n"), "closed before salesops froze") {
		t.Errorf("the run does not say the month's other reports are live: %v", o.Notes)
	}
	dash := string(read(t, filepath.Join(out, "2026-10", "dashboard-2026-10.html")))
	if !strings.Contains(dash, "950.00") || strings.Contains(dash, "1,350.00") || !strings.Contains(dash, "Closed on") {
		t.Error("the dashboard of a month closed without frozen inputs does not show its closed pool")
	}
}

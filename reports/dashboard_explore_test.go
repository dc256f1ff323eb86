package reports

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// hostileNote is user text that would end the data's script element, open
// an HTML comment (which changes how a script element ends) or end a
// JavaScript string in older engines (U+2028).
const hostileNote = "</script><!--<script>\u2028alert(2)"

// exploreCapFixture is one rep with drillCap+5 follow-ups in October 2026
// (and one in September, which is another month), a deal and a response,
// all on a customer with a hostile name and with hostile notes.
func exploreCapFixture() string {
	var b strings.Builder
	b.WriteString(`INSERT INTO reps (rep_id, name, team, region, hire_date) VALUES ('R1', 'Rep One', 'T1', 'G1', DATE '2020-01-01'), ('R2', 'Rep Two', 'T2', 'G1', DATE '2020-01-01');
INSERT INTO customers (customer_id, company_name, owner_rep_id) VALUES ('C1', ` + sqlText(hostileScript) + `, 'R1'), ('C2', 'Two Ltd', 'R2');
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, cancel_date) VALUES
('D1', 'C1', 'R1', 'won', 1234567.89, DATE '2026-09-01', DATE '2026-10-05', NULL), ('D2', 'C2', 'R2', 'won', 10.00, DATE '2026-09-01', DATE '2026-10-06', NULL);
INSERT INTO surveys (survey_id, customer_id, rep_id, survey_date, score, comment) VALUES ('S1', 'C1', 'R1', DATE '2026-10-20', 2, ` + sqlText(hostileNote) + `);
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage, result) VALUES ('F-SEP', 'C1', 'R1', TIMESTAMP '2026-09-30 09:00:00', 'development', 'x')`)
	for i := range drillCap + 5 {
		fmt.Fprintf(&b, ",\n('F%03d', 'C1', 'R1', TIMESTAMP '2026-10-%02d 10:00:00', 'follow_up', %s)", i, 1+i%30, sqlText(hostileNote))
	}
	b.WriteString(";\n")
	return b.String()
}

func sqlText(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

var exploreDataRE = regexp.MustCompile(`(?s)<script type="application/json" id="explore-data">(.*?)</script>`)

// A rep with more rows than the cap embeds the first drillCap of the
// month, earliest first, with the month's true count, and says so on the
// page; hostile text in any embedded field stays inert text.
func TestDashboardDrillCapAndEscaping(t *testing.T) {
	ctx := context.Background()
	w := buildWarehouse(t, exploreCapFixture(), syntheticConfig(), syntheticAsOf)
	d, err := loadDashData(ctx, w.DB, dashOptions(t.TempDir(), "en"))
	if err != nil {
		t.Fatal(err)
	}
	v := buildExploreView(d, "en", "CNY")
	var r1 *exploreRep
	for i := range v.Reps {
		if v.Reps[i].ID == "R1" {
			r1 = &v.Reps[i]
		}
	}
	if r1 == nil {
		t.Fatalf("no R1 among %d reps", len(v.Reps))
	}
	if got := len(r1.Rows[1]); got != drillCap || r1.N[1] != drillCap+5 {
		t.Errorf("R1's follow-ups: %d embedded of %d, want %d of %d", got, r1.N[1], drillCap, drillCap+5)
	}
	if first := r1.Rows[1][0].values(); first[0] != 1 {
		t.Errorf("the first follow-up embedded is of day %v, want the 1st (earliest first, September's left out)", first[0])
	}
	if len(r1.Rows[0]) != 1 || r1.Rows[0][0].values()[4] != int64(123456789) || r1.N[0] != 1 || r1.N[2] != 1 {
		t.Errorf("R1's deal rows %v (want D1 at 123456789 cents), counts %v", r1.Rows[0], r1.N)
	}

	path, err := WriteDashboard(ctx, w.DB, dashOptions(t.TempDir(), "en"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := exploreDataRE.FindSubmatch(b)
	if m == nil {
		t.Fatal("no explore-data element")
	}
	for _, bad := range []string{"<", ">", "\u2028", "<!--", "</script"} {
		if strings.Contains(string(m[1]), bad) {
			t.Errorf("the embedded data holds %q unescaped", bad)
		}
	}
	checkDashboardSafe(t, string(b), false)

	needTool(t, chromiumPath)
	bctx, cancel := newBrowser(t, 1366, 900)
	defer cancel()
	probe := &pageProbe{}
	if _, err := loadReport(bctx, path, probe); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`(() => {
	  const s = document.getElementById('f-rep');
	  s.value = [...s.options].find(o => o.text === 'Rep One').value;
	  s.dispatchEvent(new Event('change'));
	  const d = document.getElementById('drill');
	  return [d.hidden ? 'hidden' : 'shown', d.innerText];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != "shown" || !strings.Contains(got[1], fmt.Sprintf("Showing the first %d of %d, earliest first.", drillCap, drillCap+5)) {
		t.Errorf("drill-down %s, text:\n%s\nwant the cap's note", got[0], got[1])
	}
	for _, s := range []string{hostileScript, "alert(2)", "¥1,234,567.89"} {
		if !strings.Contains(got[1], s) {
			t.Errorf("the drill-down does not show %q as text", s)
		}
	}
	probe.mu.Lock()
	defer probe.mu.Unlock()
	if len(probe.errors) > 0 || len(probe.requests) > 0 || len(probe.dialogs) > 0 {
		t.Errorf("console errors %q, network requests %q, dialogs %q", probe.errors, probe.requests, probe.dialogs)
	}
}

// A closed month's dashboard renders from what the close froze: the
// explore data reads back whole, so the filters and drill-down of a closed
// month show the month as it was closed.
func TestDashboardExploreFrozen(t *testing.T) {
	ctx := context.Background()
	w := buildWarehouse(t, exploreCapFixture(), syntheticConfig(), syntheticAsOf)
	in, err := LoadMonthInputs(ctx, w.DB, dashOptions(t.TempDir(), "en"))
	if err != nil {
		t.Fatal(err)
	}
	views, _, err := EncodeMonthInputs(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	back, ok, err := DecodeMonthInputs(nil, in.Period, views)
	if err != nil || !ok {
		t.Fatalf("decoding: ok %v, %v", ok, err)
	}
	if back.dash.Explore == nil {
		t.Fatal("the frozen dashboard lost its explore data")
	}
	want, got := buildExploreView(in.dash, "en", "CNY"), buildExploreView(back.dash, "en", "CNY")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the frozen month's explore data differs from the live one:\n got %+v\nwant %+v", got, want)
	}
}

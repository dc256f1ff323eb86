package reports

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The drill-down keeps each rep×kind's first drillCap rows by day, then
// id, then event (a deal won and cancelled the same day lists the win
// first), with the month's count. The fixture's 205 follow-ups spread
// over days 1–30, so the cap falls inside day 30: the kept rows end with
// the first of that day's ids, which a cut-off at the cap's day (rather
// than at its row) would get wrong.
func TestDrillRowsKeepTheEarliestByDayThenID(t *testing.T) {
	ctx := context.Background()
	fixture := exploreCapFixture() + `INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, cancel_date) VALUES
('D0', 'C1', 'R1', 'cancelled', 5.00, DATE '2026-09-01', DATE '2026-10-05', DATE '2026-10-05');
`
	w := buildWarehouse(t, fixture, syntheticConfig(), syntheticAsOf)
	d, err := loadDashData(ctx, w.DB, dashOptions(t.TempDir(), "en"))
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		day int
		id  string
	}
	var all []key
	for i := range drillCap + 5 {
		all = append(all, key{1 + i%30, fmt.Sprintf("F%03d", i)})
	}
	slices.SortFunc(all, func(a, b key) int {
		if a.day != b.day {
			return a.day - b.day
		}
		return strings.Compare(a.id, b.id)
	})
	want := map[string][]string{"followup": {}, "deal": {"D0 won", "D0 cancelled", "D1 won"}}
	for _, k := range all[:drillCap] {
		want["followup"] = append(want["followup"], fmt.Sprintf("%s follow_up", k.id))
	}
	got := map[string][]string{}
	for _, g := range d.Explore.Rows {
		if len(g) != cap(g) {
			t.Errorf("a group of %d rows (%s %s) was made for %d", len(g), g[0].Rep, g[0].Kind, cap(g))
		}
	}
	for _, r := range slices.Concat(d.Explore.Rows...) {
		if r.Rep == "R1" && r.Kind != "response" {
			got[r.Kind] = append(got[r.Kind], r.Item+" "+r.What)
		}
	}
	for _, kind := range []string{"followup", "deal"} {
		if !slices.Equal(got[kind], want[kind]) {
			t.Errorf("R1's %s rows:\n%q\nwant\n%q", kind, got[kind], want[kind])
		}
	}
	if n := d.Explore.Totals["R1"]; n["followup"] != drillCap+5 || n["deal"] != 3 {
		t.Errorf("R1's counts %v, want %d follow-ups and 3 deal rows", n, drillCap+5)
	}
}

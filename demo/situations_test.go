package demo

import (
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// company is the canonical export read back with encoding/csv, without the
// rows Facts lists as bad: what a correct loader keeps.
type company struct {
	reps, customers map[string]map[string]string
	deals           []map[string]string // main file, the later of a repeated key winning
	surveys         []map[string]string
	tickets         []map[string]string
	followups       []map[string]string
	files           []File
	dir             string
	facts           Facts
}

func loadCompany(t *testing.T, seed uint64) company {
	t.Helper()
	dir, files, facts := generate(t, Options{Seed: seed, Canonical: true})
	c := company{reps: map[string]map[string]string{}, customers: map[string]map[string]string{}, files: files, dir: dir, facts: facts}
	bad := map[string]bool{}
	for _, b := range facts.BadRows {
		bad[b.Path+":"+strconv.Itoa(b.Line)] = true
	}
	keep := func(path string, tb table) []map[string]string {
		var out []map[string]string
		for i, r := range tb.rows {
			if !bad[path+":"+strconv.Itoa(tb.lines[i])] {
				out = append(out, r)
			}
		}
		return out
	}
	for _, r := range one(t, dir, files, "reps").rows {
		c.reps[r["rep_id"]] = r
	}
	for _, r := range one(t, dir, files, "customers").rows {
		c.customers[r["customer_id"]] = r
	}
	byID := map[string]int{}
	for _, r := range keep("sales/contracts.csv", one(t, dir, files, "sales")) {
		if i, ok := byID[r["deal_id"]]; ok {
			c.deals[i] = r
			continue
		}
		byID[r["deal_id"]] = len(c.deals)
		c.deals = append(c.deals, r)
	}
	c.surveys = keep("surveys.csv", one(t, dir, files, "surveys"))
	c.tickets = one(t, dir, files, "tickets").rows
	c.followups = one(t, dir, files, "followups").rows
	return c
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatalf("date %q: %v", s, err)
	}
	return d
}

func (c company) deal(id string) map[string]string {
	for _, d := range c.deals {
		if d["deal_id"] == id {
			return d
		}
	}
	return nil
}

func TestDealSituations(t *testing.T) {
	c := loadCompany(t, 1)
	L := period.MustParse(c.facts.LatestCompleteMonth)
	type want struct{ status, closeMonth, cancelMonth string }
	for name, tc := range map[string]struct {
		id   string
		want want
	}{
		"clawback of an earlier win": {c.facts.Clawback, want{"cancelled", "2026-05", "2026-06"}},
		"same-month cancellation":    {c.facts.SameMonthCancel, want{"cancelled", "2026-06", "2026-06"}},
		"cancelled, no cancel date":  {c.facts.CancelNoDate, want{"cancelled", "2026-06", ""}},
	} {
		d := c.deal(tc.id)
		if d == nil {
			t.Fatalf("%s: deal %q not in the export", name, tc.id)
		}
		got := want{d["status"], month(date(t, d["close_date"])), month(date(t, d["cancel_date"]))}
		if got != tc.want {
			t.Errorf("%s %s: got %+v, want %+v", name, tc.id, got, tc.want)
		}
	}

	var neverWon, unknownWonInL, usd, won, archived int
	for _, d := range c.deals {
		created, closed := date(t, d["created_date"]), date(t, d["close_date"])
		if d["status"] == "cancelled" && closed.IsZero() {
			neverWon++
		}
		if _, ok := c.reps[d["rep_id"]]; !ok {
			if d["rep_id"] != c.facts.UnknownRep {
				t.Errorf("deal %s: rep %s missing from the roster, want only %s", d["deal_id"], d["rep_id"], c.facts.UnknownRep)
			}
			if d["status"] == "won" && L.Contains(closed) {
				unknownWonInL++
			}
		}
		if d["currency"] == "USD" {
			usd++
		}
		if d["status"] == "won" {
			won++
			if d["contract_archived"] == "true" {
				archived++
			}
			if d["customer_id"] == "" {
				t.Errorf("won deal %s has no customer", d["deal_id"])
			}
		}
		if !closed.IsZero() {
			if days := int(closed.Sub(created).Hours() / 24); days < 5 || days > 120 {
				t.Errorf("deal %s: cycle %d days, want 5..120", d["deal_id"], days)
			}
		}
		if d["amount"] != "" {
			a, err := money.Parse(d["amount"])
			if err != nil {
				t.Errorf("deal %s: amount %q: %v", d["deal_id"], d["amount"], err)
			}
			if d["currency"] == "CNY" && d["status"] == "won" && (a < 500000 || a > 50000000) {
				t.Errorf("deal %s: won amount %s outside 5,000–500,000", d["deal_id"], a)
			}
		}
		for _, f := range []string{"created_date", "close_date", "cancel_date"} {
			if date(t, d[f]).After(testAsOf) {
				t.Errorf("deal %s: %s %s after as-of", d["deal_id"], f, d[f])
			}
		}
	}
	if neverWon == 0 {
		t.Error("no cancelled deal without a close date")
	}
	if unknownWonInL < 1 {
		t.Errorf("rep %s has no won deal in %s", c.facts.UnknownRep, L)
	}
	if share := usd * 100 / len(c.deals); share < 5 || share > 11 {
		t.Errorf("USD deals are %d%%, want about 8%%", share)
	}
	if share := archived * 100 / won; share < 90 || share > 98 {
		t.Errorf("archived won deals are %d%%, want about 95%%", share)
	}
}

func month(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01")
}

func TestRosterSituations(t *testing.T) {
	c := loadCompany(t, 1)
	L := period.MustParse(c.facts.LatestCompleteMonth)
	start := period.Date(2024, 7, 1)
	var hiredDuring, leftDuring int
	for _, r := range c.reps {
		hire, leave := date(t, r["hire_date"]), date(t, r["leave_date"])
		if !hire.Before(start) {
			hiredDuring++
		}
		if !leave.IsZero() {
			leftDuring++
		}
	}
	if hiredDuring < 2 || hiredDuring > 3 || leftDuring < 2 || leftDuring > 3 {
		t.Errorf("%d reps hired and %d left during the history, want 2–3 each", hiredDuring, leftDuring)
	}
	if l := date(t, c.reps[c.facts.LeaverRep]["leave_date"]); !l.After(L.Start()) || !l.Before(L.End()) {
		t.Errorf("leaver %s leaves %v, want strictly inside %s", c.facts.LeaverRep, l, L)
	}
	if h := date(t, c.reps[c.facts.NewHireRep]["hire_date"]); !h.After(L.End()) || h.After(testAsOf) {
		t.Errorf("new hire %s hired %v, want after %s and by %v", c.facts.NewHireRep, h, L, testAsOf)
	}
	if _, ok := c.reps[c.facts.UnknownRep]; ok {
		t.Errorf("%s is in the roster", c.facts.UnknownRep)
	}
}

func TestGatedRep(t *testing.T) {
	for _, seed := range []uint64{1, 99} {
		c := loadCompany(t, seed)
		L := period.MustParse(c.facts.LatestCompleteMonth)
		responses, satisfied := map[string]int{}, map[string]int{}
		for _, s := range c.surveys {
			if !L.Contains(date(t, s["survey_date"])) {
				continue
			}
			rep := s["rep_id"]
			if rep == "" {
				rep = c.customers[s["customer_id"]]["owner_rep_id"]
			}
			score, err := strconv.Atoi(s["score"])
			if err != nil || score < 1 || score > 5 {
				t.Fatalf("survey %s: score %q outside 1..5", s["survey_id"], s["score"])
			}
			responses[rep]++
			if score >= 4 {
				satisfied[rep]++
			}
		}
		g := c.facts.GatedRep
		if r := c.reps[g]; r["leave_date"] != "" || date(t, r["hire_date"]).After(L.End()) {
			t.Errorf("seed %d: gated rep %s is not eligible in %s", seed, g, L)
		}
		if responses[g] < 3 || satisfied[g]*100 >= 60*responses[g] {
			t.Errorf("seed %d: gated rep %s has %d/%d satisfied in %s, want ≥3 responses and csat < 60%%", seed, g, satisfied[g], responses[g], L)
		}
		var others int
		for rep, n := range responses {
			if rep != g && n >= 3 && satisfied[rep]*100 < 60*n {
				others++
			}
		}
		if others > 3 {
			t.Errorf("seed %d: %d other reps are below the gate, want the gate to be the exception", seed, others)
		}
	}
}

func TestHostileNames(t *testing.T) {
	c := loadCompany(t, 1)
	var got []string
	for _, id := range c.facts.HostileNames {
		got = append(got, c.customers[id]["company_name"])
	}
	if !slices.Equal(got, hostileNames) {
		t.Errorf("hostile customers %v have names %q, want %q", c.facts.HostileNames, got, hostileNames)
	}
}

func TestBadRowsWhereFactsSay(t *testing.T) {
	_, _, f := generate(t, Options{Canonical: true})
	dir, files, _ := generate(t, Options{Canonical: true})
	want := []struct{ path, column, value string }{
		{"sales/contracts.csv", "amount", "12.345"},
		{"sales/contracts.csv", "status", "待定"},
		{"sales/contracts.csv", "close_date", "2025-02-30"},
		{"sales/contracts.csv", "customer_id", ""},
		{"surveys.csv", "score", "7"},
	}
	if len(f.BadRows) != len(want) {
		t.Fatalf("%d bad rows, want %d: %+v", len(f.BadRows), len(want), f.BadRows)
	}
	for i, w := range want {
		b := f.BadRows[i]
		if b.Path != w.path || b.Column != w.column || b.Value != w.value {
			t.Errorf("bad row %d = %+v, want %s %s=%q", i, b, w.path, w.column, w.value)
		}
		tb := readTable(t, filepath.Join(dir, b.Path), "utf-8")
		j := slices.Index(tb.lines, b.Line)
		if j < 0 {
			t.Errorf("%s has no row on line %d", b.Path, b.Line)
			continue
		}
		if got := tb.rows[j][b.Column]; got != b.Value {
			t.Errorf("%s line %d %s = %q, want %q", b.Path, b.Line, b.Column, got, b.Value)
		}
		if w.column == "customer_id" && tb.rows[j]["status"] != "won" {
			t.Errorf("deal without customer on line %d has status %q, want won", b.Line, tb.rows[j]["status"])
		}
	}
	counts := map[string]int{}
	for _, b := range f.BadRows {
		counts[b.Path]++
	}
	for _, file := range files {
		n := len(readTable(t, filepath.Join(dir, file.Path), file.Encoding).rows)
		if counts[file.Path]*100 >= n {
			t.Errorf("%s: %d bad rows of %d, want under 1%%", file.Path, counts[file.Path], n)
		}
	}
}

func TestRepeatAndCorrections(t *testing.T) {
	dir, files, f := generate(t, Options{Canonical: true})
	main := readTable(t, filepath.Join(dir, "sales/contracts.csv"), "utf-8")
	rep := f.Repeats[0]
	var lines []int
	var amounts []string
	for i, r := range main.rows {
		if r["deal_id"] == rep.Value {
			lines = append(lines, main.lines[i])
			amounts = append(amounts, r["amount"])
		}
	}
	if len(lines) != 2 || lines[1] != rep.Line || amounts[0] == amounts[1] {
		t.Errorf("deal %s on lines %v with amounts %v, want two rows, the later on line %d with a different amount", rep.Value, lines, amounts, rep.Line)
	}

	var paths []string
	for _, file := range files {
		if file.Kind == "sales" {
			paths = append(paths, file.Path)
		}
	}
	if !slices.IsSorted(paths) || paths[len(paths)-1] != f.Corrections {
		t.Errorf("sales files %v: want the corrections %s to sort last", paths, f.Corrections)
	}
	corr := readTable(t, filepath.Join(dir, f.Corrections), "utf-8")
	var ids []string
	for _, r := range corr.rows {
		ids = append(ids, r["deal_id"])
		for _, m := range main.rows {
			if m["deal_id"] != r["deal_id"] {
				continue
			}
			if m["amount"] == r["amount"] || month(date(t, m["close_date"])) != "2026-04" {
				t.Errorf("correction of %s: amount %s → %s closed %s, want a changed amount of 2026-04", r["deal_id"], m["amount"], r["amount"], m["close_date"])
			}
		}
	}
	if !slices.Equal(ids, f.CorrectedDeals) {
		t.Errorf("corrections hold %v, facts say %v", ids, f.CorrectedDeals)
	}
}

func TestActivitySituations(t *testing.T) {
	c := loadCompany(t, 1)
	q := period.QuarterOf(period.MustParse(c.facts.LatestCompleteMonth).Start())
	stamp := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil && s != "" {
			t.Fatalf("timestamp %q: %v", s, err)
		}
		return v
	}
	var open, late int
	for _, tk := range c.tickets {
		opened, resolved := stamp(tk["opened_at"]), stamp(tk["resolved_at"])
		if tk["kind"] != "complaint" || !q.Contains(dateOf(opened)) {
			continue
		}
		switch {
		case resolved.IsZero():
			open++
		case resolved.Sub(opened) > 168*time.Hour:
			late++
		}
	}
	if open == 0 || late == 0 {
		t.Errorf("%s: %d unresolved and %d late complaints, want some of each", q, open, late)
	}
	var planned, noContent, unknown int
	for _, f := range c.followups {
		if f["next_followup_date"] != "" {
			planned++
		}
		if f["content"] == "" || f["result"] == "" {
			noContent++
		}
		if _, ok := c.reps[f["rep_id"]]; !ok {
			unknown++
		}
		if _, ok := c.customers[f["customer_id"]]; !ok {
			t.Fatalf("follow-up %s: unknown customer %s", f["followup_id"], f["customer_id"])
		}
		if at := stamp(f["followup_at"]); dateOf(at).After(testAsOf) {
			t.Errorf("follow-up %s after as-of", f["followup_id"])
		}
	}
	n := len(c.followups)
	if planned*100 < 25*n || planned*100 > 35*n || noContent == 0 || noContent*100 > n || unknown == 0 {
		t.Errorf("follow-ups: %d of %d planned, %d without content or result, %d by unknown reps", planned, n, noContent, unknown)
	}
	var incomplete int
	for _, cu := range c.customers {
		if cu["contact_name"] == "" || cu["phone"] == "" && cu["email"] == "" || cu["industry"] == "" || cu["region"] == "" {
			incomplete++
		}
	}
	if share := incomplete * 1000 / len(c.customers); share < 30 || share > 70 {
		t.Errorf("%d‰ of customers incomplete, want about 5%%", share)
	}
}

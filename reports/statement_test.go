package reports

import (
	"context"
	"encoding/csv"
	"errors"
	"html"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// statementCase writes the statements of a workbook case (the fixture of
// bonus_models_test.go, hand-computed there) and the month's bonus CSV.
func statementCase(t *testing.T, c workbookCase, dir string) (bonus.Month, []string, string) {
	t.Helper()
	ctx := context.Background()
	db, plan := workbookFixture(t, c.maxShare)
	b, err := bonus.Load(ctx, db, c.period, plan)
	if err != nil {
		t.Fatal(err)
	}
	b.Adjustments = []bonus.Adjustment{{ClosedPeriod: "2026-09", RepID: "A", Frozen: 12345, Current: 2345},
		{ClosedPeriod: "2026-09", RepID: "B", Frozen: 77777, Current: 0}}
	periodDir := filepath.Join(dir, c.period)
	paths, _, err := WriteStatements(ctx, db, b, StatementOptions{WorkbookOptions: WorkbookOptions{Language: c.lang, BaseCurrency: "CNY"}}, periodDir)
	if err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(periodDir, "bonus-"+c.period+".csv")
	if err := WriteBonusCSV(ctx, csvPath, b); err != nil {
		t.Fatal(err)
	}
	return b, paths, csvPath
}

// statementText is everything a reader of the statement can see: the
// page's text (markup removed) or every cell of the sheet.
func statementText(t *testing.T, path string) string {
	t.Helper()
	if strings.HasSuffix(path, ".html") {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		body := string(raw)
		body = body[strings.Index(body, "<body>"):]
		return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body, " "))
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, " | ") + "\n")
		}
	}
	return b.String()
}

func readBonusCSV(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	out := map[string]map[string]string{}
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range head {
			m[h] = r[i]
		}
		out[m["rep_id"]] = m
	}
	return out
}

// TestStatementsPerRep: one HTML and one XLSX per roster rep (not the
// "unknown" row of unrostered deals), 0640, each showing the rep's row of
// the bonus CSV, and nothing of another rep's pay or name.
func TestStatementsPerRep(t *testing.T) {
	for _, c := range workbookCases[:3] {
		t.Run(c.name, func(t *testing.T) {
			b, paths, csvPath := statementCase(t, c, t.TempDir())
			rows := readBonusCSV(t, csvPath)
			var want []string
			for _, r := range b.Rows {
				if r.RepID != "unknown" {
					base := filepath.Join(filepath.Dir(csvPath), "statements", "statement-"+c.period+"-"+r.RepID)
					want = append(want, base+".html", base+".xlsx")
				}
			}
			if !slices.Equal(paths, want) {
				t.Fatalf("wrote %q, want %q", paths, want)
			}
			lb := labeler(WorkbookOptions{Language: c.lang, BaseCurrency: "CNY"})
			for _, p := range paths {
				if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != FilePerm {
					t.Fatalf("%s: %v, %v", p, fi, err)
				}
				text := statementText(t, p)
				id := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "statement-"+c.period+"-"), filepath.Ext(p))
				own := rows[id]
				// The rep's row of the bonus CSV, as the statement formats it.
				figs := []string{own["rep_name"], lb.amount(own["net_sales"], 2), lb.amount(own["allocation"], 2)}
				if own["eligible"] == "true" {
					for _, col := range []string{"share_sales", "share_new_customers", "share_satisfaction", "score"} {
						if own[col] != "" {
							figs = append(figs, money.FormatRat(mustRat(t, own[col]), 6))
						}
					}
				}
				if strings.HasSuffix(p, ".html") {
					figs = append(figs, "rank "+own["rank"])
					if c.lang == "zh-CN" {
						figs[len(figs)-1] = "第 " + own["rank"] + " 名"
					}
					if own["eligible"] != "true" {
						figs = figs[:len(figs)-1]
					}
				}
				for _, f := range figs {
					if !strings.Contains(text, f) {
						t.Errorf("%s does not show %q of the bonus CSV", filepath.Base(p), f)
					}
				}
				// Company-level figures may be shown; an amount equal to one
				// of them, or to the rep's own, cannot give another's pay away.
				public := map[string]bool{"0.00": true, own["allocation"]: true, b.Pool.String(): true, b.NetSales.String(): true}
				if b.CapEnabled {
					public[b.Cap.String()] = true
				}
				for other, r := range rows {
					if other == id {
						continue
					}
					if regexp.MustCompile(`\b` + regexp.QuoteMeta(r["rep_name"]) + `\b`).MatchString(text) {
						t.Errorf("%s names rep %s (%s)", filepath.Base(p), other, r["rep_name"])
					}
					if amt := r["allocation"]; !public[amt] && strings.Contains(text, lb.amount(amt, 2)) {
						t.Errorf("%s shows %s's allocation %s", filepath.Base(p), other, amt)
					}
				}
				for _, a := range b.Adjustments {
					if a.RepID != id && strings.Contains(text, lb.amount(a.Frozen.String(), 2)) {
						t.Errorf("%s shows %s's adjustment", filepath.Base(p), a.RepID)
					}
				}
			}
		})
	}
}

func mustRat(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("not a number: %q", s)
	}
	return r
}

// TestStatementStepsReproduce follows each eligible rep's steps from net
// sales to the allocation and checks them against the hand computation of
// bonus_models_test.go (October: pool 950.00, A's score 81/130, B's 49/130).
func TestStatementStepsReproduce(t *testing.T) {
	tests := []struct {
		c    workbookCase
		want map[string]map[string]string // rep → step → shown
	}{
		{workbookCases[0], map[string]map[string]string{
			"A": {"net": "¥7,000.00", "score": "0.623077", "multiplier": "1.00", "adjusted": "0.623077", "raw": "¥591.923077", "floor": "¥591.92", "extra": "+¥0.00", "allocation": "¥591.92"},
			"B": {"net": "¥6,000.00", "score": "0.376923", "raw": "¥358.076923", "floor": "¥358.07", "extra": "+¥0.01", "allocation": "¥358.08"},
		}},
		{workbookCases[1], map[string]map[string]string{
			"A": {"raw": "¥285.000000", "floor": "¥285.00", "allocation": "¥285.00"},
			"B": {"raw": "¥285.000000", "floor": "¥285.00", "allocation": "¥285.00"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.c.name, func(t *testing.T) {
			ctx := context.Background()
			db, plan := workbookFixture(t, tt.c.maxShare)
			b, err := bonus.Load(ctx, db, tt.c.period, plan)
			if err != nil {
				t.Fatal(err)
			}
			d, err := loadWorkbookDetail(ctx, db, mustPeriod(t, tt.c.period))
			if err != nil {
				t.Fatal(err)
			}
			lb := labeler(WorkbookOptions{Language: tt.c.lang, BaseCurrency: "CNY"})
			for _, r := range b.Rows {
				if !r.Eligible {
					continue
				}
				s, err := statementOf(ctx, b, d, r.RepID)
				if err != nil {
					t.Fatal(err)
				}
				val := map[string]*big.Rat{}
				shown := map[string]string{}
				for _, st := range statementSteps(lb, s) {
					shown[st.Key] = st.Shown
					if st.Value != "" {
						val[st.Key] = mustRat(t, st.Value)
					}
				}
				for k, w := range tt.want[r.RepID] {
					if shown[k] != w {
						t.Errorf("%s step %s shows %q, by hand %q", r.RepID, k, shown[k], w)
					}
				}
				// The chain: score from the shares, adjusted, raw from the
				// company-level sums shown, then the cents.
				score := new(big.Rat)
				for k, key := range []string{"share_sales", "share_new", "share_sat"} {
					if v := val[key]; v != nil {
						score.Add(score, new(big.Rat).Mul(b.Weights[k].Rat(), v))
					}
				}
				near := func(what string, got, want *big.Rat) {
					if d := new(big.Rat).Sub(got, want); d.Abs(d).Cmp(big.NewRat(1, 1e9)) > 0 {
						t.Errorf("%s %s: steps give %s, the step shows %s", r.RepID, what, got.FloatString(9), want.FloatString(9))
					}
				}
				near("score", score, val["score"])
				near("adjusted", new(big.Rat).Mul(val["score"], val["multiplier"]), val["adjusted"])
				raw := b.Cap.Rat()
				if !r.Capped && s.Uncapped.Sign() == 0 {
					raw = new(big.Rat)
				} else if !r.Capped {
					raw = new(big.Rat).Quo(new(big.Rat).Mul(s.Shareable.Rat(), val["adjusted"]), s.Uncapped)
				}
				near("raw", raw, val["raw"])
				if got := money.FloorRat(val["raw"]); got.Rat().Cmp(val["floor"]) != 0 {
					t.Errorf("%s floor: %s rounds down to %s, the step shows %s", r.RepID, val["raw"].FloatString(6), got, val["floor"].FloatString(2))
				}
				if got := new(big.Rat).Add(val["floor"], val["extra"]); got.Cmp(r.Allocation.Rat()) != 0 || val["allocation"].Cmp(got) != 0 {
					t.Errorf("%s: floor + extra = %s, allocation %s", r.RepID, got.FloatString(2), r.Allocation)
				}
			}
		})
	}
}

func TestStatementNames(t *testing.T) {
	tests := []struct{ id, want string }{
		{"S001", "statement-2026-10-S001"},
		{"a.b_c-D", "statement-2026-10-a.b_c-D"},
		{"../../etc/passwd", "statement-2026-10-_._.._etc_passwd"},
		{".hidden", "statement-2026-10-_hidden"},
		{"销售 01", "statement-2026-10-___01"},
		{"", "statement-2026-10-_"},
		{"a/b\\c:d*e", "statement-2026-10-a_b_c_d_e"},
		{strings.Repeat("x", 300), "statement-2026-10-" + strings.Repeat("x", maxStatementName)},
	}
	for _, tt := range tests {
		if got := StatementName("2026-10", tt.id); got != tt.want {
			t.Errorf("StatementName(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// TestStatementNameCollision: two reps whose ids sanitise to one file
// name, or differ only in case, stop the statements before anything is
// written, with exit 3 naming both.
func TestStatementNameCollision(t *testing.T) {
	for _, pair := range [][2]string{{"a/b", "a_b"}, {"S001", "s001"}, {"张三", "李四"}} {
		b := bonus.Month{Period: "2026-10", Rows: []bonus.Row{{RepID: pair[0], RowDetail: &bonus.RowDetail{}}, {RepID: "ok", RowDetail: &bonus.RowDetail{}}, {RepID: pair[1], RowDetail: &bonus.RowDetail{}}}}
		dir := t.TempDir()
		_, _, err := WriteStatements(context.Background(), nil, b, StatementOptions{}, dir)
		if !errors.Is(err, faults.ErrData) || faults.ExitCode(err) != 3 || !strings.Contains(err.Error(), pair[0]) || !strings.Contains(err.Error(), pair[1]) {
			t.Errorf("%q: err = %v, want a data error naming both", pair, err)
		}
		if _, err := os.Stat(StatementsDir(dir)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%q: the statements folder was created: %v", pair, err)
		}
	}
}

func mustPeriod(t *testing.T, s string) period.Period {
	t.Helper()
	p, err := period.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestStatementsRemoveStale: a rerun removes the month's statement files it
// did not write (a rep gone from the roster, a PDF of an earlier print),
// and nothing else in the folder.
func TestStatementsRemoveStale(t *testing.T) {
	dir := t.TempDir()
	_, paths, _ := statementCase(t, workbookCases[0], dir)
	sdir := filepath.Dir(paths[0])
	stale := []string{"statement-2026-10-Z.html", "statement-2026-10-A.pdf", "statement-2026-10-Z.xlsx"}
	kept := []string{"statement-2026-09-A.html", "notes.txt", "statement-2026-10-A.html.bak"}
	for _, n := range append(stale, kept...) {
		if err := os.WriteFile(filepath.Join(sdir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	statementCase(t, workbookCases[0], dir)
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(sdir, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survived: %v", n, err)
		}
	}
	for _, n := range kept {
		if _, err := os.Stat(filepath.Join(sdir, n)); err != nil {
			t.Errorf("%s was removed: %v", n, err)
		}
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestStatementClawbackStep: under clawback recovery the rep's steps say
// what earlier negative months took off this month's sales and what is
// still owed, in both languages; without it there is no such step.
func TestStatementClawbackStep(t *testing.T) {
	for _, lang := range []string{"en", "zh-CN"} {
		lb := labeler(WorkbookOptions{Language: lang, BaseCurrency: "CNY"})
		row := bonus.Row{RepID: "A", Eligible: true, NetSales: 50000, RowDetail: &bonus.RowDetail{}}
		s := Statement{Month: bonus.Month{Period: "2026-10", PoolDetail: &bonus.PoolDetail{}}, Row: row, XTotals: [3]*big.Rat{new(big.Rat), new(big.Rat), new(big.Rat)}, Uncapped: new(big.Rat)}
		for _, st := range statementSteps(lb, s) {
			if st.Key == "clawback" {
				t.Fatalf("%s: a clawback step without recovery: %+v", lang, st)
			}
		}
		s.Row.Clawback = &bonus.Clawback{BroughtForward: 120000, CarriedForward: 70000}
		var got *statementStep
		for _, st := range statementSteps(lb, s) {
			if st.Key == "clawback" {
				got = &st
			}
		}
		if lb.err != nil || got == nil || got.Value != "700.00" || got.Shown != "¥700.00" || !strings.Contains(got.Calc, "¥1,200.00") {
			t.Errorf("%s: clawback step %+v (label error %v)", lang, got, lb.err)
		}
	}
}

// A closed and approved month's statement names both signatures, on the
// page and on the sheet.
func TestStatementNamesTheApproval(t *testing.T) {
	c := workbookCases[0]
	db, plan := workbookFixture(t, c.maxShare)
	b, err := bonus.Load(context.Background(), db, c.period, plan)
	if err != nil {
		t.Fatal(err)
	}
	b.Closed, b.ClosedAt = true, "2026-11-02T10:00:00+08:00"
	b.Close = &bonus.CloseInfo{ClosedBy: "fin", ApprovedBy: "boss", ApprovedAt: "2026-11-03T09:30:00+08:00"}
	paths, _, err := WriteStatements(context.Background(), db, b, StatementOptions{WorkbookOptions: WorkbookOptions{Language: "en", BaseCurrency: "CNY"}}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		text := statementText(t, p)
		if !strings.Contains(text, "by fin") || !strings.Contains(text, "Approved on 2026-11-03T09:30:00+08:00 by boss") {
			t.Errorf("%s does not name the closer and the approver:\n%s", filepath.Base(p), text)
		}
	}
}

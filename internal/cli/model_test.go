package cli

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A plan that cannot be modelled is refused before the warehouse is
// opened, exit 2 naming the setting.
func TestModelRefusesABadPlan(t *testing.T) {
	cfg := starter(t, map[string]string{"drop/reps/reps.csv": repsCSV})
	plan := filepath.Join(t.TempDir(), "plan.yaml")
	if err := os.WriteFile(plan, []byte("bonus:\n  max_share: 20%\n  poolrate: 0.1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown key", []string{"--set", "bonus.max_shares=0.2"}, "--set bonus.max_shares: unknown setting"},
		{"outside bonus", []string{"--set", "pool_rate=0.1"}, "--set pool_rate: unknown setting"},
		{"not a plan setting", []string{"--set", "bonus.statements=true"}, "--set bonus.statements: not a setting salesops model can change"},
		{"clawback recovery", []string{"--set", "bonus.recover_clawbacks=true"}, "--set bonus.recover_clawbacks: not a setting salesops model can change"},
		{"not a decimal", []string{"--set", "bonus.weights.sales=half"}, `bonus.weights.sales: "half" is not a decimal number`},
		{"beyond its limit", []string{"--set", "bonus.max_share=1.2"}, "bonus.max_share: 1.2 must be at most 1"},
		{"null where a value is required", []string{"--set", "bonus.pool_rate=null"}, "bonus.pool_rate cannot be null"},
		{"no value", []string{"--set", "bonus.max_share"}, `--set "bonus.max_share": want bonus.KEY=VALUE`},
		{"plan file with an unknown key", []string{"--plan", plan}, `[3:3] unknown field "poolrate"`},
		{"missing plan file", []string{"--plan", plan + ".none"}, "--plan: open "},
		{"not a month", []string{"--period", "2026-Q4"}, `--period "2026-Q4": want a month`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--config", cfg, "--quiet", "model", "--period", "2026-10"}, tt.args...)
			code, stdout, stderr := run(t, args...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want 2 with %q\n%s%s", code, tt.want, stdout, stderr)
			}
		})
	}
}

// End to end on a month computed by hand. Reps S1 and S2 each win one
// new customer in October, S1 for 9,000.00 and S2 for 1,000.00; nobody
// has survey responses, so satisfaction drops out and the weights 0.6 and
// 0.2 become 0.75 and 0.25. Net sales 10,000.00, pool 5% = 500.00:
//
//	score S1 = 0.75 × 9/10 + 0.25 × 1/2 = 0.8, S2 = 0.75 × 1/10 + 0.25 × 1/2 = 0.2
//	with the 30% cap (150.00): S1's 400.00 is capped, then S2's 350.00 is:
//	    both 150.00, allocated 300.00, unallocated 200.00
//	without it (max_share=null): S1 500 × 0.8 = 400.00, S2 100.00, nothing unallocated
//
// The warehouse file is the same bytes before and after every model.
func TestModelEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the monthly job")
	}
	dec5 := time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC)
	cfg := starter(t, map[string]string{
		"drop/reps/reps.csv":   "rep_id,name\nS1,Ann\nS2,Bo\n",
		"drop/sales/deals.csv": "deal_id,customer_id,rep_id,status,amount,close_date\nD1,C1,S1,won,9000.00,2026-10-05\nD2,C2,S2,won,1000.00,2026-10-06\n",
	})
	dir := filepath.Dir(cfg)
	reports := filepath.Join(dir, "reports", "2026-10")
	step := func(code int, args ...string) string {
		t.Helper()
		got, stdout, stderr := runAt(t, dec5, append([]string{"--config", cfg, "--quiet"}, args...)...)
		if got != code {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, got, code, stdout, stderr)
		}
		return stdout + stderr
	}
	step(0, "run", "monthly-bonus", "--period", "2026-10")
	warehouse := filepath.Join(dir, "salesops.duckdb")
	before := fileHash(t, warehouse)

	// No change: the modelled month is the published one, to the cent.
	step(0, "model", "--period", "2026-10")
	published := publishedMonth(t, filepath.Join(reports, "bonus-2026-10.json"))
	lines := modelLines(t, filepath.Join(reports, "model-2026-10.csv"))
	for rep, alloc := range published {
		if l := lines[rep]; l[0] != alloc || l[1] != alloc || l[2] != "0.00" {
			t.Errorf("%s: published %s, model current/modelled/difference %v", rep, alloc, l)
		}
	}
	if len(lines) != len(published) || len(published) != 5 { // S1, S2, pool, allocated, unallocated
		t.Errorf("model lines %v, published %v", lines, published)
	}

	out := step(0, "model", "--period", "2026-10", "--set", "bonus.max_share=null")
	if !strings.Contains(out, "pool 500.00 → 500.00, allocated 300.00 → 500.00, unallocated 200.00 → 0.00") {
		t.Errorf("summary: %s", out)
	}
	want := map[string][3]string{"S1": {"150.00", "400.00", "250.00"}, "S2": {"150.00", "100.00", "-50.00"},
		"pool": {"500.00", "500.00", "0.00"}, "allocated": {"300.00", "500.00", "200.00"}, "unallocated": {"200.00", "0.00", "-200.00"}}
	if got := modelLines(t, filepath.Join(reports, "model-2026-10.csv")); !equalLines(got, want) {
		t.Errorf("max_share=null: %v, want %v", got, want)
	}
	if after := fileHash(t, warehouse); after != before {
		t.Error("model changed the warehouse file")
	}

	// A closed month: the current side is its frozen record.
	step(0, "close", "--period", "2026-10", "--by", "fin")
	before = fileHash(t, warehouse)
	step(0, "model", "--period", "2026-10", "--set", "bonus.max_share=null")
	if got := modelLines(t, filepath.Join(reports, "model-2026-10.csv")); !equalLines(got, want) {
		t.Errorf("closed, max_share=null: %v, want %v", got, want)
	}
	if after := fileHash(t, warehouse); after != before {
		t.Error("model changed the warehouse file of a closed month")
	}
	if fi, err := os.Stat(filepath.Join(reports, "model-2026-10.xlsx")); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("workbook: %v %v", fi, err)
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// publishedMonth is bonus-M.json's allocation per rep and its totals,
// keyed as modelLines keys them.
func publishedMonth(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Pool, Allocated, Unallocated string
		Rows                         []struct {
			RepID      string `json:"rep_id"`
			Allocation string `json:"allocation"`
		} `json:"rows"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{"pool": m.Pool, "allocated": m.Allocated, "unallocated": m.Unallocated}
	for _, r := range m.Rows {
		out[r.RepID] = r.Allocation
	}
	return out
}

// modelLines reads model-M.csv: rep id (or total line) → current,
// modelled, difference.
func modelLines(t *testing.T, path string) map[string][3]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][3]string{}
	for _, r := range recs[1:] {
		key := r[2]
		if r[1] != "rep" {
			key = r[1]
		}
		out[key] = [3]string{r[6], r[7], r[8]}
	}
	return out
}

func equalLines(a, b map[string][3]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

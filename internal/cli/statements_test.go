package cli

import (
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/reports"
)

func TestStatementsUsage(t *testing.T) {
	for _, args := range [][]string{{"statements"}, {"statements", "--period", "2026-Q3"}, {"statements", "--period", "../x"}} {
		if code, _, stderr := run(t, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2: %s", args, code, stderr)
		}
	}
}

// checkDemoStatements writes the statements of the demo's closed October
// and holds each rep's HTML to the bonus CSV: one HTML and one XLSX per
// rep of the roster, the rep's name, allocation and the closed mark, and
// no other rep's name or allocation (amounts anyone may see, such as the
// pool, the cap and 0.00, aside). TestDemoEndToEnd calls it.
func checkDemoStatements(t *testing.T, cfg, out string) {
	t.Helper()
	code, stdout, stderr := run(t, "--config", cfg, "--quiet", "statements", "--period", "2026-10")
	if code != 0 {
		t.Fatalf("statements: exit %d\n%s\n%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "reports/2026-10/bonus-2026-10.csv"))
	if err != nil {
		t.Fatal(err)
	}
	type rep struct{ id, name, alloc string }
	var reps []rep
	for _, line := range strings.Split(strings.TrimSpace(strings.TrimPrefix(string(data), "\ufeff")), "\r\n")[1:] {
		f := strings.Split(line, ",")
		if f[1] != "unknown" {
			reps = append(reps, rep{f[1], f[2], f[14]})
		}
	}
	yuan := func(s string) string { // 12345.60 → ¥12,345.60
		whole, frac, _ := strings.Cut(s, ".")
		for i := len(whole) - 3; i > 0; i -= 3 {
			whole = whole[:i] + "," + whole[i:]
		}
		return "¥" + whole + "." + frac
	}
	// The pool and the cap (the demo's 30% of it) are the company's.
	var month struct{ Pool string }
	js, err := os.ReadFile(filepath.Join(out, "reports/2026-10/bonus-2026-10.json"))
	if err == nil {
		err = json.Unmarshal(js, &month)
	}
	if err != nil {
		t.Fatal(err)
	}
	pool := money.MustParse(month.Pool)
	public := map[string]bool{"0.00": true, pool.String(): true, money.FloorRat(new(big.Rat).Mul(big.NewRat(3, 10), pool.Rat())).String(): true}
	dir := filepath.Join(out, "reports/2026-10/statements")
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, r := range reps {
		base := filepath.Join(dir, reports.StatementName("2026-10", r.id))
		if st, err := os.Stat(base + ".xlsx"); err != nil || st.Mode().Perm() != 0o640 {
			t.Errorf("%s.xlsx: %v", base, err)
		}
		page, err := os.ReadFile(base + ".html")
		if err != nil {
			t.Fatal(err)
		}
		text := tags.ReplaceAllString(string(page), " ")
		for _, want := range []string{r.name, yuan(r.alloc), "Closed on"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s's statement lacks %q", r.id, want)
			}
		}
		for _, o := range reps {
			if o.id == r.id {
				continue
			}
			if strings.Contains(text, o.name) {
				t.Errorf("%s's statement names %s (%s)", r.id, o.id, o.name)
			}
			if !public[o.alloc] && o.alloc != r.alloc && strings.Contains(text, yuan(o.alloc)) {
				t.Errorf("%s's statement shows %s's allocation %s", r.id, o.id, o.alloc)
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2*len(reps) {
		t.Errorf("%d statement files for %d reps", len(entries), len(reps))
	}
}

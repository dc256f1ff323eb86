package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// validate warns about exchange rates only for a file with amounts in
// other currencies, says each refusal once, and keeps the commonest
// reasons to five.
func TestValidateReport(t *testing.T) {
	header := "deal_id,customer_id,rep_id,status,amount,currency,close_date\n"
	var sevenReasons strings.Builder
	sevenReasons.WriteString(header)
	for m := 1; m <= 7; m++ {
		// Each month lacks its own rate: seven distinct reasons.
		fmt.Fprintf(&sevenReasons, "D%d,C1,S1,won,100.00,USD,2026-%02d-05\n", m, m)
	}
	tests := []struct {
		name, kind, text string
		code             int
		want, dontWant   []string
		once             []string // printed exactly once across stdout and stderr
		maxReasons       int
	}{
		{name: "customers need no rates", kind: "customers", text: "customer_id,company_name\nC1,Acme\n",
			dontWant: []string{"exchange rates", "no fx rate"}},
		{name: "base currency needs no rates", kind: "sales", text: header + "D1,C1,S1,won,100.00,CNY,2026-10-05\n",
			dontWant: []string{"exchange rates"}},
		{name: "foreign currency without a warehouse", kind: "sales", text: header + "D1,C1,S1,won,100.00,USD,2026-10-05\n", code: 3,
			want: []string{"exchange rates", "an ingest would refuse the file"},
			once: []string{`value "100.00": no fx rate for USD in 2026-10`, "1 of 1 rows rejected"}},
		{name: "missing columns said once", kind: "sales", text: "deal_id,customer_id\n1,2\n", code: 3,
			once: []string{"missing required columns"}},
		{name: "five commonest reasons", kind: "sales", text: sevenReasons.String(), code: 3, maxReasons: 5,
			dontWant: []string{"nothing from this batch was loaded"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir) // no salesops.yaml, no warehouse: validate uses the built-in defaults
			file := filepath.Join(dir, "export.csv")
			if err := os.WriteFile(file, []byte(tt.text), 0o600); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(t, "validate", file, "--kind", tt.kind)
			out := stdout + stderr
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
			for _, w := range tt.once {
				if n := strings.Count(out, w); n != 1 {
					t.Errorf("%q printed %d times, want once:\n%s", w, n, out)
				}
			}
			if tt.maxReasons > 0 {
				_, reasons, _ := strings.Cut(stdout, "Commonest reject reasons:\n")
				n := 0
				for _, l := range strings.Split(reasons, "\n") {
					if !regexp.MustCompile(`^ +\d+  `).MatchString(l) {
						break
					}
					n++
				}
				if n == 0 || n > tt.maxReasons {
					t.Errorf("%d reasons listed, want 1 to %d:\n%s", n, tt.maxReasons, stdout)
				}
			}
		})
	}
}

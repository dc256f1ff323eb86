package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// run --pdf prints the quarter's audit beside its HTML when Chromium is on
// PATH, and without Chromium warns and still exits 0 with the HTML only;
// pdf: true does the same for the monthly job and statements.
func TestRunPDF(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	cfg := filepath.Join(dir, "salesops.yaml")
	for path, text := range map[string]string{
		"drop/reps/reps.csv":   "rep_id,name\nS1,Ann\n",
		"drop/sales/sales.csv": "deal_id,customer_id,rep_id,status,amount,close_date\nD1,C1,S1,won,100.00,2026-08-03\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, path), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	html := filepath.Join(dir, "reports", "2026-Q3", "audit-2026-Q3.html")
	pdf := strings.TrimSuffix(html, ".html") + ".pdf"
	for _, tt := range []struct {
		name     string
		chromium bool
	}{
		{"without Chromium", false},
		{"with Chromium", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.chromium {
				if _, err := exec.LookPath("chromium"); err != nil || testing.Short() {
					t.Skip("needs chromium on PATH, outside -short")
				}
			} else {
				t.Setenv("PATH", t.TempDir())
			}
			code, stdout, stderr := run(t, "--config", cfg, "run", "quarterly-audit", "--period", "2026-Q3", "--pdf")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			_, err := os.Stat(pdf)
			warned := strings.Contains(stdout+stderr, "no PDF reports: Chromium is not installed")
			if _, herr := os.Stat(html); herr != nil || (err == nil) != tt.chromium || warned == tt.chromium {
				t.Errorf("html %v, pdf %v, warned %v; want a PDF %v\nstdout %s\nstderr %s", herr, err, warned, tt.chromium, stdout, stderr)
			}
		})
	}
	// pdf: true in the configuration is --pdf for every command that
	// writes HTML reports: the monthly job and statements.
	t.Run("pdf: true", func(t *testing.T) {
		if _, err := exec.LookPath("chromium"); err != nil || testing.Short() {
			t.Skip("needs chromium on PATH, outside -short")
		}
		b, err := os.ReadFile(cfg)
		if err == nil && !strings.Contains(string(b), "\npdf: false ") {
			t.Fatal("the starter configuration has no pdf: false line")
		}
		if err == nil {
			err = os.WriteFile(cfg, []byte(strings.Replace(string(b), "\npdf: false ", "\npdf: true ", 1)), 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"run", "monthly-bonus", "--period", "2026-08"}, {"statements", "--period", "2026-08"}} {
			if code, _, stderr := run(t, append([]string{"--config", cfg}, args...)...); code != 0 {
				t.Fatalf("%q: exit %d: %s", args, code, stderr)
			}
		}
		for _, p := range []string{"dashboard-2026-08.pdf", "statements/statement-2026-08-S1.pdf"} {
			if _, err := os.Stat(filepath.Join(dir, "reports", "2026-08", p)); err != nil {
				t.Errorf("pdf: true printed no %s: %v", p, err)
			}
		}
	})
}

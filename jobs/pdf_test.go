package jobs

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/salesops/salesops/reports"
)

// TestRunPDF: with pdf on, the monthly job prints its dashboard to a PDF
// beside it (mode 0640, listed among the outputs) when Chromium is
// installed; without Chromium it warns and still succeeds; with pdf off
// it removes the PDF of an earlier run rather than leave one older than
// the HTML.
func TestRunPDF(t *testing.T) {
	ctx := context.Background()
	r, _, out := testRunner(t)
	pdf := filepath.Join(out, "2026-10", "dashboard-2026-10.pdf")
	r.Config.PDF = true
	t.Run("with Chromium", func(t *testing.T) {
		if testing.Short() {
			t.Skip("prints with Chromium; skipped in -short mode")
		}
		if reports.FindChromium("") == "" {
			if os.Getenv("CI") == "true" {
				t.Fatal("Chromium is required under CI")
			}
			t.Skip("Chromium is not installed")
		}
		o, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"})
		if err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(pdf)
		if err != nil || fi.Mode().Perm() != reports.FilePerm || !slices.Contains(o.Outputs, pdf) {
			t.Fatalf("%s: %v, mode %v, outputs %q", pdf, err, fi.Mode(), o.Outputs)
		}
		if b := read(t, pdf); !strings.HasPrefix(string(b), "%PDF") {
			t.Errorf("%s is not a PDF", pdf)
		}
	})
	t.Run("without Chromium", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		if _, err := exec.LookPath("chromium"); err == nil {
			t.Fatal("chromium still on PATH")
		}
		if err := os.MkdirAll(filepath.Dir(pdf), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(pdf, []byte("%PDF- an earlier print"), 0o640); err != nil {
			t.Fatal(err)
		}
		o, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"})
		if err != nil {
			t.Fatalf("a run with pdf on and no Chromium failed: %v", err)
		}
		if !slices.ContainsFunc(o.Notes, func(n string) bool { return strings.Contains(n, "no PDF reports") }) {
			t.Errorf("no warning about the missing Chromium: %q", o.Notes)
		}
		if _, err := os.Stat(pdf); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the PDF of an earlier run is still there beside the new HTML: %v", err)
		}
	})
	t.Run("pdf off", func(t *testing.T) {
		r.Config.PDF = false
		if err := os.WriteFile(pdf, []byte("%PDF- an earlier print"), 0o640); err != nil {
			t.Fatal(err)
		}
		o, err := r.Run(ctx, Request{Job: JobMonthlyBonus, Period: "2026-10"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(pdf); !errors.Is(err, os.ErrNotExist) || slices.Contains(o.Outputs, pdf) {
			t.Errorf("pdf off left %s: %v", pdf, err)
		}
	})
}

package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/internal/scalegen"
)

// TestAuditRerunKeepsItsFiles: the quarterly audit run again with nothing
// new rebuilds no model and keeps its files, which are those of the first
// run. Its own first success (a quarter now audited, which only the
// dashboard reads) and the batch of skipped files the rerun records are
// no reason to write them again.
func TestAuditRerunKeepsItsFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("a generated company of 100,000 deals: about twenty seconds")
	}
	size, err := scalegen.SizeNamed("S")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m, err := scalegen.Generate(context.Background(), dir, scalegen.Options{Size: size, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, m.Config)
	audit := func(step string) (string, map[string]string) {
		t.Helper()
		code, stdout, stderr := run(t, "--config", cfg, "--verbose", "run", "quarterly-audit", "--period", "2026-Q3")
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s\n%s", step, code, stdout, stderr)
		}
		return stdout + stderr, reportFiles(t, filepath.Join(dir, "reports", "2026-Q3"))
	}
	_, cold := audit("cold")
	if len(cold) < 3 {
		t.Fatalf("the cold audit wrote only %v", cold)
	}
	out, again := audit("rerun, nothing new")
	if diff := cmp.Diff(cold, again); diff != "" {
		t.Errorf("the rerun wrote other files (-cold +rerun):\n%s", diff)
	}
	if !strings.Contains(out, "models=0 ") {
		t.Errorf("the rerun rebuilt models:\n%s", out)
	}
	if !strings.Contains(out, "files are kept as they are") {
		t.Errorf("the rerun wrote its files again:\n%s", out)
	}
}

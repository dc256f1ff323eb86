package cli

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
	dir, cfg, _ := scaleCompany(t, "S")
	audit := func(step string) (string, map[string]string) {
		t.Helper()
		return runForFiles(t, dir, cfg, step, "quarterly-audit", "2026-Q3")
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

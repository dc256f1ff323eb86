package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/demo"
)

// The demo company's realistic exports load with a configuration that
// lists only kind and path per source: every alias, encoding and value
// format they use is recognised without mapping.
func TestDemoCompanyLoads(t *testing.T) {
	if testing.Short() {
		t.Skip("slow; -short")
	}
	dir := t.TempDir()
	ctx := context.Background()
	asOf := time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)
	files, err := demo.Generate(ctx, dir, demo.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	var sources []config.Source
	for i, f := range files {
		sources = append(sources, config.Source{Name: f.Kind + "-" + filepath.Base(f.Path) + "-" + string(rune('a'+i)), Kind: f.Kind, Path: f.Path})
	}
	cfg := testConfig(t, dir, sources...)
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	rep, err := Ingest(ctx, w, cfg, Options{})
	var b strings.Builder
	rep.WriteText(&b)
	t.Log(b.String())
	if err != nil {
		t.Fatal(err)
	}
	facts, err := demo.Describe(demo.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, w.DB, "SELECT (SELECT count(*) FROM reps), (SELECT count(*) FROM deals)")
	t.Logf("reps %s deals %s; demo says %d reps, %d deals, %d bad rows", got[0][0], got[0][1], facts.Reps, facts.Deals, len(facts.BadRows))
	if rep.Totals().Rejected < int64(len(facts.BadRows)) {
		t.Errorf("rejected %d rows; the demo wrote %d bad ones", rep.Totals().Rejected, len(facts.BadRows))
	}
}

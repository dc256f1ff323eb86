package scalegen

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/ingest"
)

// tiny is small enough for a unit test and still spans several chunks of
// parallel rendering, so the order of chunks is tested too.
var tiny = Size{Name: "T", Deals: 2*chunkDeals + 1234, Reps: 23, Customers: 400}

func generate(t *testing.T, opt Options) (string, Manifest) {
	t.Helper()
	dir := t.TempDir()
	m, err := Generate(context.Background(), dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	return dir, m
}

func TestSameSeedSameBytes(t *testing.T) {
	cases := []struct {
		name     string
		a, b     Options
		wantSame bool
	}{
		{"same seed, different workers", Options{Size: tiny, Seed: 7, Workers: 1}, Options{Size: tiny, Seed: 7, Workers: 3}, true},
		{"another seed", Options{Size: tiny, Seed: 7}, Options{Size: tiny, Seed: 8}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dirA, ma := generate(t, tc.a)
			dirB, _ := generate(t, tc.b)
			same := true
			for _, f := range append(append([]File{}, ma.Base...), ma.DeltaFiles...) {
				a, errA := os.ReadFile(filepath.Join(dirA, f.Path))
				b, errB := os.ReadFile(filepath.Join(dirB, f.Path))
				if errA != nil || errB != nil {
					t.Fatal(errA, errB)
				}
				if !bytes.Equal(a, b) {
					same = false
					if tc.wantSame {
						t.Errorf("%s differs", f.Path)
					}
				}
			}
			if same != tc.wantSame {
				t.Errorf("same bytes = %v, want %v", same, tc.wantSame)
			}
		})
	}
}

func TestRowCounts(t *testing.T) {
	dir, m := generate(t, Options{Size: tiny})
	want := map[string]int{
		"drop/reps": tiny.Reps, "drop/customers": tiny.Customers, "drop/sales": tiny.Deals,
		"drop/followups": tiny.Followups(), "drop/surveys": tiny.Surveys(),
		"delta/sales": tiny.ChangedDeals() + tiny.NewDeals(), "delta/followups": 2 * tiny.NewDeals(),
	}
	files := append(append([]File{}, m.Base...), m.DeltaFiles...)
	if len(files) != len(want) {
		t.Fatalf("%d files, want %d: %+v", len(files), len(want), files)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f.Path))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(string(b), "\n") - 1 // the header
		key := filepath.ToSlash(filepath.Dir(f.Path))
		if lines != want[key] || f.Rows != want[key] || f.Bytes != int64(len(b)) {
			t.Errorf("%s: %d lines, manifest %d rows %d bytes; want %d rows, %d bytes", f.Path, lines, f.Rows, f.Bytes, want[key], len(b))
		}
	}
	if got := DeliverPath(m.DeltaFiles[0]); got != "drop/sales/deals-2026-11-30.csv" {
		t.Errorf("delta delivered to %s", got)
	}
}

// TestEveryFileValidates checks every export, the delta too, as `salesops
// validate` does, with the generated configuration: no rejects, no
// repeated keys.
func TestEveryFileValidates(t *testing.T) {
	dir, m := generate(t, Options{Size: tiny})
	cfg, err := config.Load(filepath.Join(dir, m.Config))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Sources) != 5 {
		t.Fatalf("%d sources, want 5", len(cfg.Sources))
	}
	for _, f := range append(append([]File{}, m.Base...), m.DeltaFiles...) {
		var src config.Source
		for _, s := range cfg.Sources {
			if s.Kind == f.Kind {
				src = s
			}
		}
		rep, rejects, err := ingest.Validate(context.Background(), filepath.Join(dir, f.Path), f.Kind, src, cfg, ingest.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		tot := rep.Totals()
		if len(rejects) > 0 || rep.Warnings > 0 || tot.Read != int64(f.Rows) {
			t.Errorf("%s: %d rejects (first %v), %d warnings, %d read; want none, none, %d", f.Path, len(rejects), first(rejects), rep.Warnings, tot.Read, f.Rows)
		}
	}
}

func first(r []ingest.Reject) any {
	if len(r) == 0 {
		return nil
	}
	return r[0]
}

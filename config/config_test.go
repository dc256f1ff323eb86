package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStarterIsTheDefaults(t *testing.T) {
	c, err := Parse("starter.yaml", Starter())
	if err != nil {
		t.Fatal(err)
	}
	d := Default()
	if got, want := c.Bonus.PoolRate.String(), d.Bonus.PoolRate.String(); got != want {
		t.Errorf("pool_rate %s, default %s", got, want)
	}
	if diff := cmp.Diff(d.Schedule.Jobs, c.Schedule.Jobs); diff != "" {
		t.Errorf("schedule differs from defaults (-default +starter):\n%s", diff)
	}
	if len(c.Sources) != 5 {
		t.Errorf("starter has %d sources", len(c.Sources))
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"unknown key names key and line", "version: 1\nbonus:\n  poolrate: 0.1\n", `[3:3] unknown field "poolrate"`},
		{"version", "version: 2\n", "version: 2 is not supported"},
		{"missing version", "timezone: UTC\n", "version: 0 is not supported"},
		{"timezone", "version: 1\ntimezone: Mars/Base\n", `timezone: "Mars/Base"`},
		{"rate above one", "version: 1\nbonus:\n  pool_rate: 5\n", "bonus.pool_rate: 5 must be at most 1"},
		{"negative weight", "version: 1\nbonus:\n  weights: {sales: -1}\n", "bonus.weights.sales: -1 must not be negative"},
		{"float syntax", "version: 1\nbonus:\n  pool_rate: 5e-2\n", "is not a decimal number"},
		{"kind", "version: 1\nsources:\n  - {kind: deals, path: x.csv}\n", `kind "deals"`},
		{"path or url", "version: 1\nsources:\n  - {kind: sales}\n", "give a path"},
		{"url credentials", "version: 1\nsources:\n  - {kind: sales, url: 'https://u:p@h/x'}\n", "carries credentials"},
		{"memory", "version: 1\nmemory_limit: lots\n", `memory_limit: "lots"`},
		{"scale", "version: 1\nmetrics:\n  survey_scale: 7\n", "want 5 or 10"},
		{"baseline", "version: 1\ntargets:\n  baseline: 2025-13..2025-01\n", "targets.baseline"},
		{"job", "version: 1\nschedule:\n  jobs: {nightly: '* * * * *'}\n", `unknown job "nightly"`},
		{"audit check", "version: 1\naudit:\n  weights: {A10: 1}\n", `unknown check "A10"`},
		{"audit window", "version: 1\naudit:\n  presign_days: -1\n", "audit.presign_days: -1; want 0 or more"},
		{"language", "version: 1\nlanguage: zh\n", `language: "zh"; want en or zh-CN`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestExactDecimalsAndMerges(t *testing.T) {
	c, err := Parse("t.yaml", []byte("version: 1\nbonus:\n  pool_rate: 5%\n  max_share: null\naudit:\n  weights: {A1: 2}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Bonus.PoolRate.Rat().RatString(); got != "1/20" {
		t.Errorf("5%% = %s, want 1/20", got)
	}
	if c.Bonus.MaxShare != nil {
		t.Errorf("max_share: null should disable the cap, got %s", c.Bonus.MaxShare)
	}
	if c.Audit.Weights["A1"].String() != "2" || c.Audit.Weights["A9"].String() != "1" {
		t.Errorf("audit weights not merged with defaults: %v", c.Audit.Weights)
	}
	if def, _ := Parse("t.yaml", []byte("version: 1\n")); def.Bonus.MaxShare == nil || def.Bonus.MaxShare.String() != "0.3" {
		t.Errorf("absent max_share should default to 0.3")
	}
}

func TestWriteStarter(t *testing.T) {
	dir := t.TempDir()
	path, err := WriteStarter(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "drop", "sales")); err != nil {
		t.Errorf("drop folder not created: %v", err)
	}
	if _, err := Load(path); err != nil {
		t.Errorf("written starter does not load: %v", err)
	}
	if _, err := WriteStarter(dir); err == nil {
		t.Error("second init overwrote the configuration")
	}
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCobraUsageMistakesExitTwo covers the mistakes cobra itself detects
// before a command runs: each is bad usage (exit 2), not an unexpected
// failure (exit 1), and the message points at the command's help.
func TestCobraUsageMistakesExitTwo(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"run without a job", []string{"run"}, "salesops run --help"},
		{"run with two jobs", []string{"run", "refresh", "monthly-bonus"}, "run takes one job"},
		{"close without --period", []string{"close"}, `"period" not set`},
		{"reopen without --reason", []string{"reopen", "--period", "2026-10"}, `"reason" not set`},
		{"unknown command", []string{"bogus"}, `unknown command "bogus"`},
		{"unknown subcommand flag", []string{"runs", "--bogus"}, "unknown flag: --bogus"},
		{"flag without its value", []string{"run", "refresh", "--period"}, "needs an argument"},
		{"query without SQL", []string{"query"}, "salesops query --help"},
		{"validate with two files", []string{"validate", "a.csv", "b.csv", "--kind", "deals"}, "accepts 1 arg"},
		{"validate without --kind", []string{"validate", "x.csv"}, `"kind" not set`},
		{"close with an argument", []string{"close", "2026-10"}, "unknown command"},
		{"approve without --by", []string{"approve", "--period", "2026-10"}, `"by" not set`},
		{"approve with an empty --by", []string{"approve", "--period", "2026-10", "--by", " "}, "--by must name the approver"},
		{"approve a quarter", []string{"approve", "--period", "2026-Q4", "--by", "boss"}, "want a month"},
		{"close a quarter", []string{"close", "--period", "2026-Q4"}, "want a month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "bad usage") != 1 {
				t.Fatalf("exit %d, stderr %q; want exit 2, %q and one 'bad usage'", code, stderr, tt.want)
			}
		})
	}
}

// TestScheduleCronErrorSaysItsKindOnce: the scheduler's error already is a
// usage error; wrapping it again printed "bad usage or configuration" twice.
func TestScheduleCronErrorSaysItsKindOnce(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "salesops.yaml")
	text := "version: 1\nsources:\n  - {name: deals, kind: sales, path: 'drop/*.csv'}\nschedule:\n  jobs:\n    refresh: \"61 7 * * *\"\n"
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "--config", cfg, "schedule", "--dry-run")
	if code != 2 || strings.Count(stderr, "bad usage or configuration") != 1 || !strings.Contains(stderr, `"61 7 * * *"`) {
		t.Fatalf("exit %d, stderr %q; want exit 2 naming the cron once", code, stderr)
	}
}

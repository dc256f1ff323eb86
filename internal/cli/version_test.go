package cli

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/salesops/salesops/buildinfo"
)

// TestVersion: --version and the version command print the build identity
// on one line and exit 0, without a configuration file.
func TestVersion(t *testing.T) {
	want := buildinfo.Read().String() + "\n"
	for _, args := range [][]string{{"--version"}, {"version"}, {"--config", "/nonexistent.yaml", "--version"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, args...)
			if code != 0 || stdout != want || stderr != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 0 and %q", code, stdout, stderr, want)
			}
			if !strings.HasPrefix(stdout, "salesops ") || !strings.Contains(stdout, runtime.GOOS+"/"+runtime.GOARCH) {
				t.Fatalf("stdout %q: want salesops, its version and the platform", stdout)
			}
		})
	}
}

// TestRunsShowVersion: the history names the build of each run, in the
// table (the version) and in full with --show.
func TestRunsShowVersion(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	cfg := filepath.Join(dir, "salesops.yaml")
	// The drop folders are empty, so the run fails; it is recorded all the same.
	run(t, "--config", cfg, "run", "monthly-bonus", "--period", "2026-10")
	label := buildinfo.Read().Label()
	version, _, _ := strings.Cut(strings.TrimPrefix(label, "salesops "), " ")
	code, stdout, stderr := run(t, "--config", cfg, "runs")
	if lines := strings.Split(stdout, "\n"); code != 0 || len(lines) < 2 || !strings.Contains(lines[0], "VERSION") || !strings.Contains(lines[1], version) {
		t.Fatalf("runs: exit %d, want a VERSION column with %q\n%s%s", code, version, stdout, stderr)
	}
	code, stdout, stderr = run(t, "--config", cfg, "runs", "--show", "1")
	if code != 0 || !strings.Contains(stdout, "version:     "+label+"\n") {
		t.Fatalf("runs --show 1: exit %d, want version: %s\n%s%s", code, label, stdout, stderr)
	}
}

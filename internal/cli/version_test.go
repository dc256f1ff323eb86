package cli

import (
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

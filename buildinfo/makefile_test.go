package buildinfo

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMakefileStampsRevision: `make build` passes git's revision with -X,
// so the binary names it even where GOFLAGS turns Go's own VCS stamping
// off. A dry run (make -n) checks the command without linking DuckDB;
// linking and running the binary takes too long for a unit test.
func TestMakefileStampsRevision(t *testing.T) {
	for _, tool := range []string{"make", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	head, err := exec.Command("git", "-C", "..", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skip("not a git checkout")
	}
	cmd := exec.Command("make", "-n", "-C", "..", "build")
	cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make -n build: %v\n%s", err, out)
	}
	for _, want := range []string{
		"-X github.com/salesops/salesops/buildinfo.revision=" + strings.TrimSpace(string(head)),
		"buildinfo.modified=", "buildinfo.commitTime=",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("make build does not pass %q:\n%s", want, out)
		}
	}
}

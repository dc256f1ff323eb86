package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestQueryCSVGoesThroughTheReportWriter: `query --format csv` wrote with
// encoding/csv, so a rep name holding ';' split into two columns in a
// semicolon locale and a name starting with '=' ran as a formula. Text
// cells are now quoted and neutralised as in every report; numbers stay
// as they are, and standard output gets no BOM.
func TestQueryCSVGoesThroughTheReportWriter(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "salesops.yaml")
	for name, text := range map[string]string{
		cfg:                            "version: 1\nsources:\n  - {name: roster, kind: reps, path: reps.csv}\n",
		filepath.Join(dir, "reps.csv"): "rep_id,name\nS1,\"=1+1;Ann\"\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if code, stdout, stderr := run(t, "--config", cfg, "--quiet", "ingest"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, stderr := run(t, "--config", cfg, "query", "--format", "csv", "SELECT rep_id, name, -1.5 AS n FROM reps")
	if want := "rep_id,name,n\nS1,\"'=1+1;Ann\",-1.5\n"; code != 0 || stdout != want {
		t.Fatalf("exit %d, stdout %q (stderr %s); want %q", code, stdout, stderr, want)
	}
}

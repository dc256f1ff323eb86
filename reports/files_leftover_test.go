package reports

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A process killed while writing a report leaves its temporary file behind
// (no deferred cleanup runs on SIGKILL); the next write of that report
// removes it, and leaves every other file alone. Found by internal/cli's
// crash test: a rerun after a kill left .scorecards-….xlsx.tmp-… for good.
func TestWriteFileRemovesItsLeftovers(t *testing.T) {
	tests := []struct {
		name   string
		before map[string]string
		want   map[string]string
	}{
		{
			name:   "a killed write of the same report",
			before: map[string]string{"report.csv": "old\n", ".report.csv.tmp-123": "ha"},
			want:   map[string]string{"report.csv": "new\n"},
		},
		{
			name:   "several, and no report yet",
			before: map[string]string{".report.csv.tmp-1": "a", ".report.csv.tmp-2": "b"},
			want:   map[string]string{"report.csv": "new\n"},
		},
		{
			name: "other files stay",
			before: map[string]string{".other.csv.tmp-9": "x", "report.csv.tmp-1": "not ours", ".report.csv.tmp": "no suffix",
				".report.csv.tmp-9.keep": "not a temporary name"},
			want: map[string]string{"report.csv": "new\n", ".other.csv.tmp-9": "x", "report.csv.tmp-1": "not ours",
				".report.csv.tmp": "no suffix", ".report.csv.tmp-9.keep": "not a temporary name"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tt.before {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			err := WriteFile(context.Background(), filepath.Join(dir, "report.csv"), func(w io.Writer) error {
				_, err := io.WriteString(w, "new\n")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, readDir(t, dir)); d != "" {
				t.Errorf("folder afterwards (-want +got):\n%s", d)
			}
		})
	}
}

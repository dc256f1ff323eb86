package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/google/go-cmp/cmp"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSafeText(t *testing.T) {
	tests := map[string]string{
		`=HYPERLINK("http://example.com","x")`: `'=HYPERLINK("http://example.com","x")`,
		"+1":                                   "'+1",
		"-2":                                   "'-2",
		"@SUM(A1)":                             "'@SUM(A1)",
		"\tx":                                  "'\tx",
		"上海华信":                                 "上海华信",
		"":                                     "",
		"a=b":                                  "a=b",
	}
	for in, want := range tests {
		if got := SafeText(in); got != want {
			t.Errorf("SafeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVHasBOMAndCRLF(t *testing.T) {
	var b bytes.Buffer
	c, err := NewCSV(&b, []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	c.Row([]string{"1", "x,y"})
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "\ufeffa,b\r\n1,\"x,y\"\r\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	errDisk := errors.New("disk full")
	tests := []struct {
		name      string
		write     func(cancel context.CancelFunc) func(io.Writer) error
		cancelled bool // ctx cancelled before the call
		wantErr   error
		want      string // content of report.csv afterwards
	}{
		{
			name: "writes and renames",
			write: func(context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error { _, err := io.WriteString(w, "new,report\n"); return err }
			},
			want: "new,report\n",
		},
		{
			name: "write error leaves the old file",
			write: func(context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error { io.WriteString(w, "half"); return errDisk }
			},
			wantErr: errDisk, want: "old\n",
		},
		{
			name: "cancelled between writes",
			write: func(cancel context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error {
					io.WriteString(w, "half")
					cancel()
					_, err := io.WriteString(w, "rest\n")
					return err
				}
			},
			wantErr: context.Canceled, want: "old\n",
		},
		{
			name: "cancelled after the last write",
			write: func(cancel context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error { io.WriteString(w, "all\n"); cancel(); return nil }
			},
			wantErr: context.Canceled, want: "old\n",
		},
		{
			name:      "cancelled before",
			cancelled: true,
			write: func(context.CancelFunc) func(io.Writer) error {
				return func(w io.Writer) error { t.Error("write called after cancel"); return nil }
			},
			wantErr: context.Canceled, want: "old\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "report.csv")
			if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancelled {
				cancel()
			}
			err := WriteFile(ctx, path, tt.write(cancel))
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("WriteFile error %v, want %v", err, tt.wantErr)
			}
			if d := cmp.Diff(map[string]string{"report.csv": tt.want}, readDir(t, dir)); d != "" {
				t.Errorf("folder afterwards (-want +got):\n%s", d)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			wantPerm := os.FileMode(0o600)
			if tt.wantErr == nil {
				wantPerm = FilePerm
			}
			if info.Mode().Perm() != wantPerm {
				t.Errorf("permission %v, want %v", info.Mode().Perm(), wantPerm)
			}
		})
	}
}

func TestPeriodDirRejectsPaths(t *testing.T) {
	for _, bad := range []string{"../x", "2026-13", "2026-10/../../etc", ""} {
		if _, err := PeriodDir("/out", bad); err == nil {
			t.Errorf("PeriodDir(%q) accepted", bad)
		}
	}
	if p, err := PeriodDir("/out", "2026-Q3"); err != nil || p != "/out/2026-Q3" {
		t.Errorf("PeriodDir = %q %v", p, err)
	}
}

func TestPageEscapesDataInChartJSON(t *testing.T) {
	evil := `</script><img src=x onerror=alert(1)>`
	var b bytes.Buffer
	err := Page{Lang: "en", Title: evil, Content: template.HTML("<p>x</p>"),
		Charts: []Chart{newChart("c1", axisChart([]string{evil}, barSeries(evil, []any{json.Number("1")})))}}.Render(&b)
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "<img src=x") {
		t.Errorf("user text reached the page unescaped")
	}
	if strings.Count(out, "</script>") != 2 {
		t.Errorf("a data value closed a script element: %d closing tags", strings.Count(out, "</script>"))
	}
}

// readDir maps every file in dir, hidden temporary files included, to its
// content.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

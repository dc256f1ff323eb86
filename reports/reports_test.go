package reports

import (
	"bytes"
	"context"
	"errors"
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
	dir := t.TempDir()
	path := filepath.Join(dir, "r", "x.csv")
	if err := WriteFile(context.Background(), path, func(w io.Writer) error { _, err := io.WriteString(w, "ok"); return err }); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != FilePerm {
		t.Fatalf("stat %v %v", st, err)
	}
	// A failing writer leaves the old file and no temporary behind.
	err = WriteFile(context.Background(), path, func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("boom") })
	if err == nil {
		t.Fatal("want error")
	}
	// A cancelled context before the rename also leaves the old file.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WriteFile(ctx, path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err == nil {
		t.Fatal("want cancellation error")
	}
	b, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(filepath.Dir(path))
	if string(b) != "ok" || len(entries) != 1 {
		t.Fatalf("content %q, %d entries", b, len(entries))
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
		Charts: []Chart{{ID: "c1", Option: map[string]any{"xAxis": map[string]any{"data": []string{evil}}}}}}.Render(&b)
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

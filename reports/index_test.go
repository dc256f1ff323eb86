package reports

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/buildinfo"
)

func TestWriteIndex(t *testing.T) {
	out := t.TempDir()
	for _, f := range []string{"2026-09/dashboard-2026-09.html", "2026-10/dashboard-2026-10.html", "2026-10/kpis-2026-10.csv",
		"2026-Q3/audit-2026-Q3.html", "2026-Q4/kpis-2026-Q4.csv", "2025-12/bonus-2025-12.xlsx", "2026-10/.dashboard.tmp-1",
		"notes/x.html", "2026-13/x.html", "2026-08/a b#c.html"} {
		p := filepath.Join(out, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	path, err := WriteIndex(context.Background(), out, "en", buildinfo.Info{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	var got []string
	for _, m := range regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(string(b), -1) {
		got = append(got, m[1])
	}
	// Newest first; a quarter before the month it ends with; hidden,
	// temporary and non-period files left out; names URL-escaped.
	want := []string{"2026-Q4/kpis-2026-Q4.csv", "2026-10/dashboard-2026-10.html", "2026-10/kpis-2026-10.csv",
		"2026-Q3/audit-2026-Q3.html", "2026-09/dashboard-2026-09.html", "2026-08/a%20b%23c.html", "2025-12/bonus-2025-12.xlsx"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
	zh, err := WriteIndex(context.Background(), out, "zh-CN", buildinfo.Info{})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(zh); !regexp.MustCompile(`仪表盘`).Match(b) {
		t.Error("the Chinese index lacks its labels")
	}
}

package reports

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/buildinfo"
)

// testBuild is the fixed identity tests pass, so no output depends on the
// binary that runs the test.
var testBuild = buildinfo.Info{Version: "test", Revision: "0123456789abcdef", Time: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}

const testBuildLabel = "salesops test (revision 0123456789ab)"

// TestOutputsCarryTheBuild: every HTML report has the build in its footer
// and every workbook in its document properties (author salesops, the
// label as description), keeping the properties the report set itself.
func TestOutputsCarryTheBuild(t *testing.T) {
	ctx := context.Background()
	dashboard := func(t *testing.T, dir string, write func(context.Context, *sql.DB, DashboardOptions) (string, error)) []string {
		w := caseWarehouse(t)
		o := dashOptions(dir, "en")
		o.Build = testBuild
		path, err := write(ctx, w.DB, o)
		if err != nil {
			t.Fatal(err)
		}
		return []string{path}
	}
	tests := []struct {
		name  string
		write func(t *testing.T, dir string) []string
		title string // a document title the report sets itself, kept
	}{
		{"dashboard", func(t *testing.T, dir string) []string { return dashboard(t, dir, WriteDashboard) }, ""},
		{"scorecards", func(t *testing.T, dir string) []string { return dashboard(t, dir, WriteScorecards) }, ""},
		{"audit html and workbook", func(t *testing.T, dir string) []string {
			paths, err := WriteAudit(ctx, auditDB(t), AuditOptions{Period: "2026-Q3", Language: "en", OutDir: dir, Build: testBuild})
			if err != nil {
				t.Fatal(err)
			}
			return paths
		}, "Quarterly audit 2026-Q3"},
		{"index", func(t *testing.T, dir string) []string {
			path, err := WriteIndex(ctx, dir, "en", testBuild)
			if err != nil {
				t.Fatal(err)
			}
			return []string{path}
		}, ""},
		{"bonus workbook", func(t *testing.T, dir string) []string {
			db, plan := workbookFixture(t, "")
			b, err := bonus.Load(ctx, db, "2026-10", plan)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "bonus-2026-10.xlsx")
			if err := WriteBonusWorkbook(ctx, db, b, WorkbookOptions{Language: "en", BaseCurrency: "CNY", Build: testBuild}, path); err != nil {
				t.Fatal(err)
			}
			return []string{path}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range tt.write(t, t.TempDir()) {
				switch filepath.Ext(path) {
				case ".html":
					b, err := os.ReadFile(path)
					if err != nil {
						t.Fatal(err)
					}
					if want := `<footer class="generator">` + testBuildLabel + `</footer>`; !strings.Contains(string(b), want) {
						t.Errorf("%s lacks %s", filepath.Base(path), want)
					}
				case ".xlsx":
					checkWorkbookBuild(t, path, tt.title)
				}
			}
		})
	}
}

func checkWorkbookBuild(t *testing.T, path, title string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if doc.Creator != "salesops" || doc.Description != testBuildLabel || (title != "" && !strings.HasPrefix(doc.Title, title)) {
		t.Errorf("%s: creator %q, description %q, title %q; want salesops, %q, %q", filepath.Base(path), doc.Creator, doc.Description, doc.Title, testBuildLabel, title)
	}
	app, err := f.GetAppProps()
	if err != nil || app.Application != "salesops" {
		t.Errorf("%s: application %q (%v); want salesops", filepath.Base(path), app.Application, err)
	}
}

// TestNoBuildNoFooter: a writer given no identity claims none.
func TestNoBuildNoFooter(t *testing.T) {
	dir := t.TempDir()
	path, err := WriteIndex(context.Background(), dir, "en", buildinfo.Info{})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); strings.Contains(string(b), `class="generator"`) {
		t.Error("a page written without a build has a generator footer")
	}
}

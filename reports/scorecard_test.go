package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

func TestSheetNamer(t *testing.T) {
	n := newSheetNamer()
	tests := []struct{ want, fallback, got string }{
		{"Summary", "x", "Summary"},
		{"summary", "x", "summary (2)"},
		{hostileFormula, "x", `=HYPERLINK("http example.com","`},
		{"😀" + strings.Repeat("a", 40), "x", "😀" + strings.Repeat("a", 29)},
		{"a/b\\c[d]*e?f:g", "x", "a b c d e f g"},
		{"'quoted'", "x", "quoted"},
		{"History", "x", "History (2)"},
		{"   ", "R007", "R007"},
		{strings.Repeat("长", 40), "x", strings.Repeat("长", 31)},
		{strings.Repeat("长", 40), "x", strings.Repeat("长", 27) + " (2)"},
	}
	for _, tt := range tests {
		got := n.name(tt.want, tt.fallback)
		if got != tt.got {
			t.Errorf("name(%q) = %q, want %q", tt.want, got, tt.got)
		}
		if utf8.RuneCountInString(got) > 31 {
			t.Errorf("%q is longer than 31 characters", got)
		}
	}
}

func TestWriteScorecards(t *testing.T) {
	ctx := context.Background()
	w := caseWarehouse(t)
	path, err := WriteScorecards(ctx, w.DB, dashOptions(t.TempDir(), "en"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wantSheets := []string{"Summary", "Ann", "Bo", `=HYPERLINK("http example.com","`, "unknown", "Dee", "unattributed"}
	if diff := cmp.Diff(wantSheets, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	// Ranked by net sales: A 8500, B 3000, C 1234.56, unknown 700, then the
	// zeros by gross sales and id.
	get := func(sheet, c string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	got := [][]string{}
	for row := 2; row <= 7; row++ {
		r := []string{}
		for _, col := range []string{"A", "B", "E", "I", "M", "N"} {
			r = append(r, get("Summary", col+strconv.Itoa(row)))
		}
		got = append(got, r)
	}
	want := [][]string{
		// rank, rep, net, win rate, efficiency lift (2400/2000−1), win-rate lift (1/1−1)
		{"1", "Ann", "8500.00", "1", "0.2", "0"},
		{"2", "Bo", "3000.00", "0.25", "", ""},
		{"3", hostileFormula, "1234.56", "1", "0.23456", "0"},
		{"4", "unknown", "700.00", "1", "", ""},
		{"5", "Dee", "0.00", "", "", ""},
		{"6", "unattributed", "0.00", "", "", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	// The formula-looking name is a string cell, not a formula, on both sheets.
	for _, c := range [][2]string{{"Summary", "B4"}, {`=HYPERLINK("http example.com","`, "A1"}} {
		typ, err := f.GetCellType(c[0], c[1])
		if err != nil {
			t.Fatal(err)
		}
		formula, _ := f.GetCellFormula(c[0], c[1])
		if formula != "" || (typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString) {
			t.Errorf("%s!%s: type %v, formula %q", c[0], c[1], typ, formula)
		}
	}
	// Ann's sheet: the month, the previous month, last year (no data) and
	// the baseline side by side.
	row := []string{}
	for _, col := range []string{"A", "B", "C", "D", "E"} {
		row = append(row, get("Ann", col+"5"))
	}
	if diff := cmp.Diff([]string{"Net sales", "8500.00", "1500.00", "", "4000.00"}, row); diff != "" {
		t.Errorf("Ann's net sales (-want +got):\n%s", diff)
	}
	if v := get("Ann", "A18"); v != "Lead conversion (provisional)" {
		t.Errorf("A18 = %q", v)
	}
}

const sofficePath = "/usr/bin/soffice"

func TestScorecardsInLibreOffice(t *testing.T) {
	needTool(t, sofficePath)
	w := buildWarehouse(t, syntheticCompany(24, 900), syntheticConfig(), syntheticAsOf)
	arts := artifactDir(t)
	for _, lang := range []string{"en", "zh-CN"} {
		t.Run(lang, func(t *testing.T) {
			path, err := WriteScorecards(context.Background(), w.DB, dashOptions(t.TempDir(), lang))
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			profile := "file://" + filepath.Join(t.TempDir(), "lo-profile")
			ctx, cancel := context.WithTimeout(context.Background(), 180e9)
			defer cancel()
			cmd := exec.CommandContext(ctx, sofficePath, "-env:UserInstallation="+profile, "--headless", "--norestore",
				"--convert-to", "pdf", "--outdir", out, path)
			b, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("soffice: %v\n%s", err, b)
			}
			pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(path), ".xlsx")+".pdf")
			data, err := os.ReadFile(pdf)
			if err != nil || len(data) < 10_000 || !strings.HasPrefix(string(data), "%PDF") {
				t.Fatalf("no PDF (%d bytes, %v); soffice said:\n%s", len(data), err, b)
			}
			if err := os.WriteFile(filepath.Join(arts, "scorecards-"+lang+".pdf"), data, 0o640); err != nil {
				t.Fatal(err)
			}
			xb, _ := os.ReadFile(path)
			os.WriteFile(filepath.Join(arts, "scorecards-"+lang+".xlsx"), xb, 0o640)
		})
	}
}

package reports

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"
)

// TestLongSheetTextReadsBackAsWritten writes texts through the long
// sheets' own renderer into a workbook and reads them back with excelize,
// which decodes _xHHHH_ as a spreadsheet does: a customer called
// "ACME_x0041_" must not show as "ACMEA", markup stays text, and a
// formula-looking name stays a string.
func TestLongSheetTextReadsBackAsWritten(t *testing.T) {
	texts := []string{
		"ACME_x0041_",
		"_x0041_x0042_",   // two escapes overlapping on their underscore
		"_x005F_",         // the escape of the underscore itself
		"a_x12_b _xZZZZ_", // not escapes: left alone
		"<b>&amp;</b> \"q\" 'a'",
		hostileName,
		" leading and trailing ",
		"第一_x4E00_",
	}
	f := excelize.NewFile()
	defer f.Close()
	var s rowSheet
	for i, text := range texts {
		s.add(1, i+1, text, 0, false)
		if i == 0 {
			s.add(2, 1, "12.50", 0, true) // rows are written in order
		}
	}
	rows, err := s.render(f, "en", "Sheet1", 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	pkg, err := setCachedValues(buf.Bytes(), nil, map[string][]byte{"Sheet1": rows})
	if err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(bytes.NewReader(pkg))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for i, want := range texts {
		ref := cellRef(1, i+1)
		got, err := g.GetCellValue("Sheet1", ref)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s reads back %q, want %q", ref, got, want)
		}
		if typ, _ := g.GetCellType("Sheet1", ref); typ != excelize.CellTypeInlineString {
			t.Errorf("%s has type %v, want an inline string", ref, typ)
		}
		if fm, _ := g.GetCellFormula("Sheet1", ref); fm != "" {
			t.Errorf("%s became the formula %q", ref, fm)
		}
	}
	if got, _ := g.GetCellValue("Sheet1", "B1"); got != "12.5" && got != "12.50" {
		t.Errorf("B1 reads back %q, want the number 12.50", got)
	}
}

func TestEscapeXstring(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"ACME_x0041_", "ACME_x005F_x0041_"},
		{"_x0041_x0042_", "_x005F_x0041_x005F_x0042_"},
		{"_x005F_", "_x005F_x005F_"},
		{"_x12_ _xGGGG_ _x0041", "_x12_ _xGGGG_ _x0041"},
	} {
		if got := escapeXstring(tc.in); got != tc.want {
			t.Errorf("escapeXstring(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestExcelSerial holds a long sheet's date cells to the number excelize's
// SetCellValue writes for the same time, the way the sheets built in its
// model write them.
func TestExcelSerial(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, tm := range []time.Time{
		time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 6, 30, 13, 45, 30, 0, time.UTC),
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), // past time.Duration's 292 years
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		ref := cellRef(1, i+1)
		if err := f.SetCellValue("Sheet1", ref, tm); err != nil {
			t.Fatal(err)
		}
		want, err := f.GetCellValue("Sheet1", ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := excelSerial(tm); !ok || got != want {
			t.Errorf("excelSerial(%s) = %q, %v; excelize writes %q", tm, got, ok, want)
		}
	}
	for _, tm := range []time.Time{time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC), time.Date(1066, 10, 14, 0, 0, 0, 0, time.UTC)} {
		if got, ok := excelSerial(tm); ok {
			t.Errorf("excelSerial(%s) = %q, want no serial (no date cell before 1 March 1900)", tm, got)
		}
	}
}

// TestSpliceRowsOwnRowsBelow: a long sheet may have rows of its own in
// excelize's model (the audit's note below a capped table) only below
// the rendered ones, which are spliced in before them.
func TestSpliceRowsOwnRowsBelow(t *testing.T) {
	for _, tc := range []struct {
		name    string
		own     int // the row excelize holds
		wantErr bool
	}{
		{"below", 4, false},
		{"among", 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			var s rowSheet
			s.add(1, 1, "heading", 0, false)
			s.add(1, 2, "a finding", 0, false)
			rows, err := s.render(f, "en", "Sheet1", 1, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStr("Sheet1", cellRef(1, tc.own), "the note"); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := f.Write(&buf); err != nil {
				t.Fatal(err)
			}
			pkg, err := setCachedValues(buf.Bytes(), nil, map[string][]byte{"Sheet1": rows})
			if tc.wantErr {
				if err == nil {
					t.Fatal("spliced rows around a row of the sheet's own")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			g, err := excelize.OpenReader(bytes.NewReader(pkg))
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			got, err := g.GetRows("Sheet1")
			if err != nil {
				t.Fatal(err)
			}
			want := [][]string{{"heading"}, {"a finding"}, nil, {"the note"}}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

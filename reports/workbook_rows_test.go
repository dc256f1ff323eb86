package reports

import (
	"bytes"
	"testing"

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

package reports

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/i18n"
)

// TestPrintSheetLinearInHeadings fits the same 300 wrapped headings on a
// sheet of 300 rows and on one of 100,000 (the bonus workbook's statement
// sheet has some 5,000 headings among 30,000 rows at 10M deals): the
// rows below the headings must not cost printSheet anything. Asking
// excelize for each heading's height scanned the whole sheet per heading:
// the long sheet took some thirty times as long. Each sheet is timed three
// times and the fastest kept, so a busy machine does not decide the ratio.
func TestPrintSheetLinearInHeadings(t *testing.T) {
	const headings = 300
	fastest := func(rows int) time.Duration {
		var best time.Duration
		for range 3 {
			f, fit := headingSheet(t, headings, rows)
			start := time.Now()
			err := printSheet(f, i18n.EN, "S", sheetPrint{Cols: 2, TitleFirst: 1, TitleLast: 1, Headings: fit})
			took := time.Since(start)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			if best == 0 || took < best {
				best = took
			}
		}
		return best
	}
	short, long := fastest(headings), fastest(100_000)
	if ratio := float64(long) / float64(short); ratio > 5 {
		t.Errorf("%d headings took %v on a sheet of %d rows, %v on one of 100,000: %.0f times as long, want about as long",
			headings, short, headings, long, ratio)
	}
}

// TestPrintSheetRowHeights: a heading row is made tall enough for its
// text, a title row that is a heading too keeps the taller of its two
// fits, and a row of unwrapped text keeps the default height.
func TestPrintSheetRowHeights(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true}})
	if err != nil {
		t.Fatal(err)
	}
	long := "a sentence long enough to wrap onto a few lines of a narrow column"
	for _, c := range []struct {
		ref, text string
		style     int
	}{{"A1", long, wrap}, {"A2", "short", wrap}, {"A3", long, 0}, {"A4", long + " " + long, wrap}} {
		if err := f.SetCellStr("Sheet1", c.ref, c.text); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle("Sheet1", c.ref, c.ref, c.style); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetColWidth("Sheet1", "A", "A", 20); err != nil {
		t.Fatal(err)
	}
	if err := printSheet(f, i18n.EN, "Sheet1", sheetPrint{Cols: 1, TitleFirst: 1, TitleLast: 1, Headings: []int{1, 2, 3, 4, 1}}); err != nil {
		t.Fatal(err)
	}
	one := lineHeight(i18n.EN, baseFontSize)
	for _, c := range []struct {
		row  int
		want float64
	}{
		{1, ceilPt(float64(wrappedLines(long, 20, baseFontSize, false))*one + 2)},
		{2, ceilPt(one + 2)},
		{3, ceilPt(one + 2)}, // one line: its text is not wrapped
		{4, ceilPt(float64(wrappedLines(long+" "+long, 20, baseFontSize, false))*one + 2)},
		{5, 15}, // not a heading: excelize's default
	} {
		if got, err := f.GetRowHeight("Sheet1", c.row); err != nil || got != c.want {
			t.Errorf("row %d: height %v (%v), want %v", c.row, got, err, c.want)
		}
	}
}

func ceilPt(v float64) float64 { return float64(int(v + 0.999999)) }

// headingSheet is a sheet "S" of n rows of two wrapped cells each, its
// last row rows (a cell in it), and the heading rows' numbers.
func headingSheet(t *testing.T, n, rows int) (*excelize.File, []int) {
	t.Helper()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", "S"); err != nil {
		t.Fatal(err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true}})
	if err != nil {
		t.Fatal(err)
	}
	fit := make([]int, n)
	for i := range n {
		r := i + 1
		fit[i] = r
		for c := 1; c <= 2; c++ {
			if err := f.SetCellStr("S", cellRef(c, r), fmt.Sprintf("sentence %d of the sheet, in column %d", r, c)); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SetCellStyle("S", cellRef(1, r), cellRef(2, r), wrap); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellStr("S", cellRef(1, rows), "end"); err != nil {
		t.Fatal(err)
	}
	return f, fit
}

// TestPrintTitlesLinearInSheets sets the print titles of every sheet of a
// workbook of 400 sheets, as the scorecards do for each rep, through the
// print policy's setDefinedName and through excelize's SetDefinedName,
// which lists every sheet for every existing name (cubic: 4 s here on a
// quiet machine, a third of the scorecards at 10M deals). The policy's
// must take a small part of excelize's time (about a hundredth measured).
func TestPrintTitlesLinearInSheets(t *testing.T) {
	const sheets = 400
	took := func(set func(*excelize.File, *excelize.DefinedName) error) time.Duration {
		f := excelize.NewFile()
		defer f.Close()
		for i := 1; i < sheets; i++ {
			if _, err := f.NewSheet(fmt.Sprintf("S%d", i)); err != nil {
				t.Fatal(err)
			}
		}
		start := time.Now()
		for _, s := range f.GetSheetList() {
			if err := set(f, &excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s, RefersTo: quoteSheet(s) + "!$1:$1"}); err != nil {
				t.Fatal(err)
			}
		}
		return time.Since(start)
	}
	ours, theirs := took(setDefinedName), took((*excelize.File).SetDefinedName)
	if ours*5 > theirs {
		t.Errorf("the print titles of %d sheets took %v, %v through excelize's SetDefinedName: want a small part of it", sheets, ours, theirs)
	}
}

// TestSetDefinedNameAsExcelize: the names setDefinedName gives a workbook
// are those excelize's SetDefinedName gives it, and a second print-titles
// name for a sheet is refused alike.
func TestSetDefinedNameAsExcelize(t *testing.T) {
	names := []excelize.DefinedName{
		{Name: "Pool", RefersTo: "'A'!$B$2"},
		{Name: "_xlnm.Print_Titles", Scope: "A", RefersTo: "'A'!$1:$1"},
		{Name: "_xlnm.Print_Titles", Scope: "C", RefersTo: "'C'!$4:$4"},
		{Name: "_xlnm.Print_Titles", Scope: "B", RefersTo: "'B'!$2:$3", Comment: "why"},
		{Name: "_xlnm.Print_Titles", Scope: "C", RefersTo: "'C'!$5:$5"}, // a duplicate
	}
	got := map[string][]excelize.DefinedName{}
	for _, c := range []struct {
		name string
		set  func(*excelize.File, *excelize.DefinedName) error
	}{{"excelize", (*excelize.File).SetDefinedName}, {"ours", setDefinedName}} {
		f := excelize.NewFile()
		for _, s := range []string{"A", "B", "C"} {
			if _, err := f.NewSheet(s); err != nil {
				t.Fatal(err)
			}
		}
		for i, dn := range names {
			err := c.set(f, &dn)
			if dup := i == len(names)-1; dup != (err != nil) {
				t.Errorf("%s: name %d: error %v", c.name, i, err)
			}
		}
		got[c.name] = f.GetDefinedName()
		f.Close()
	}
	if diff := cmp.Diff(got["excelize"], got["ours"]); diff != "" {
		t.Errorf("defined names (-excelize +ours):\n%s", diff)
	}
}

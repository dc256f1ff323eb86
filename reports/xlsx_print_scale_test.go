package reports

import (
	"fmt"
	"testing"
	"time"

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

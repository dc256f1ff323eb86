package ingest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/i18n"
)

// FileError is a file that cannot be read at all: bad encoding at a byte
// offset, a truncated workbook, missing required columns.
type FileError struct {
	File   string
	Offset int64 // byte offset, when the problem has one
	Line   int64 // line or sheet row, when the problem has one
	Reason string
}

func (e *FileError) Error() string {
	var where []string
	if e.Line > 0 {
		where = append(where, fmt.Sprintf("line %d", e.Line))
	}
	if e.Offset > 0 {
		where = append(where, fmt.Sprintf("byte offset %d", e.Offset))
	}
	if len(where) > 0 {
		return fmt.Sprintf("%s (%s): %s", e.File, strings.Join(where, ", "), e.Reason)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Reason)
}

// Is makes a FileError a data failure (exit 3).
func (e *FileError) Is(target error) bool { return target == faults.ErrData }

// ThresholdError is a file whose rejected share is above its source's
// threshold; none of its rows are loaded and the batch is rolled back.
type ThresholdError struct {
	File           string
	Rows, Rejected int64
	Threshold      string
	First          []Reject
	// DryRun marks the refusal of Validate: no batch was loaded or
	// rolled back, an ingest would refuse the file.
	DryRun bool
}

func (e *ThresholdError) Error() string {
	var b strings.Builder
	outcome := "nothing from this batch was loaded"
	if e.DryRun {
		outcome = "an ingest would refuse the file, and its whole batch"
	}
	fmt.Fprintf(&b, "%s: %d of %d rows rejected, above the reject threshold %s; %s", e.File, e.Rejected, e.Rows, e.Threshold, outcome)
	for _, r := range e.First {
		fmt.Fprintf(&b, "\n  %s", r)
	}
	return b.String()
}

// Is makes a ThresholdError a data failure (exit 3).
func (e *ThresholdError) Is(target error) bool { return target == faults.ErrData }

// Reject is one failing cell (or row rule) of a rejected row.
type Reject struct {
	File   string
	Line   int64 // physical line (header is line 1), or the sheet row
	Sheet  string
	Column string // the header as written in the file
	Value  string
	Reason string
}

func (r Reject) String() string { return r.TextIn(i18n.EN) }

// TextIn is the reject as validate prints it to a person in l: where, the
// column and value as written in the file, and the reason translated.
func (r Reject) TextIn(l i18n.Lang) string {
	where := l.T("reject.line", r.Line)
	if r.Sheet != "" {
		where = l.T("reject.sheet_row", r.Sheet, r.Line)
	}
	col := ""
	if r.Column != "" {
		col = l.T("reject.column", r.Column)
	}
	val := ""
	if r.Value != "" {
		val = l.T("reject.value", strconv.Quote(capValue(r.Value)))
	}
	return l.T("reject.text", where, col, val, l.Reason(r.Reason))
}

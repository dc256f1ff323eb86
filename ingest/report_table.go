package ingest

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/salesops/salesops/i18n"
)

// StatusNotRead is the status of a file the batch never reached: an
// earlier file failed it. The report still lists the file, so the table
// names every file of the batch.
const StatusNotRead = "not read"

// statusKeys are the catalog keys of the statuses a file can have; a
// status not listed is shown as it is.
var statusKeys = map[string]string{
	"loaded":      "ingest.status.loaded",
	"skipped":     "ingest.status.skipped",
	"failed":      "ingest.status.failed",
	StatusNotRead: "ingest.status.not_read",
}

// statusOf is status in words.
func statusOf(s string, l i18n.Lang) string {
	if k, ok := statusKeys[s]; ok {
		return l.T(k)
	}
	return s
}

// writeTable writes one row per file of the batch and a total row, in the
// words of what happened: what was loaded, what an ingest would do
// (Validate), or what would have been loaded by a batch that was rolled
// back (whose total says 0 loaded).
// The title goes above the table, so a long one does not widen the file
// column.
func (r Report) writeTable(w io.Writer, l i18n.Lang) error {
	var rows [][]string
	status := func(s string) string { return statusOf(s, l) }
	head := func(cols ...string) {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = l.T("ingest.col." + c)
		}
		rows = append(rows, row)
	}
	totalStatus := ""
	switch {
	case r.DryRun:
		fmt.Fprintln(w, l.T("ingest.title.dry"))
		head("file", "kind", "would", "read", "load", "update", "leave", "reject")
		dry := map[string]string{"loaded": "load_it", "failed": "refuse_it", "skipped": "skip_it"}
		status = func(s string) string {
			if k, ok := dry[s]; ok {
				return l.T("ingest.status." + k)
			}
			return ""
		}
	case r.RolledBack:
		// The batches committed before the one rolled back stand: their
		// files keep their status, and the total its counts.
		if len(r.Earlier) > 0 {
			fmt.Fprintln(w, l.T("ingest.title.rolled_back_after", r.batches(), r.Batch))
		} else {
			fmt.Fprintln(w, l.T("ingest.title.rolled_back", r.Batch))
			totalStatus = l.T("ingest.status.none_loaded")
		}
		head("file", "kind", "status", "read", "would_load", "would_update", "unchanged", "rejected")
		plain := status
		status = func(s string) string {
			if s == "loaded" {
				return l.T("ingest.status.rolled_back")
			}
			return plain(s)
		}
	case len(r.Earlier) > 0:
		fmt.Fprintln(w, l.T("ingest.title.batches", r.batches()))
		head("file", "kind", "status", "read", "loaded", "updated", "unchanged", "rejected")
	default:
		fmt.Fprintln(w, l.T("ingest.title", r.Batch))
		head("file", "kind", "status", "read", "loaded", "updated", "unchanged", "rejected")
	}
	line := func(f FileReport, st string) {
		rows = append(rows, []string{f.Path, f.Kind, st, count(f.Read), count(f.Inserted), count(f.Updated), count(f.Unchanged), count(f.Rejected)})
	}
	for _, f := range r.Files {
		if slices.Contains(r.Earlier, f.Batch) {
			line(f, statusOf(f.Status, l)) // a committed earlier batch
			continue
		}
		line(f, status(f.Status))
	}
	t := r.Totals()
	t.Path = l.T("ingest.total")
	line(t, totalStatus)
	return writeAligned(w, rows)
}

func count(n int64) string { return strconv.FormatInt(n, 10) }

// writeAligned writes rows as right-aligned columns two spaces apart, as
// text/tabwriter's AlignRight did, but measures a cell as a terminal shows
// it: a Chinese character takes two columns where tabwriter counts one,
// which pushed every Chinese header and status out of line.
func writeAligned(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			b.WriteString(strings.Repeat(" ", widths[i]+2-cellWidth(c)))
			b.WriteString(c)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cellWidth is how many terminal columns s takes.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// rollbackNote says what a rolled-back batch means for the operator, and
// which file caused it (the error itself is printed once, by the caller).
func (r Report) rollbackNote(l i18n.Lang) string {
	for _, f := range r.Files {
		if f.Status == "failed" {
			return l.T("ingest.rollback_because", r.Batch, f.Path)
		}
	}
	return l.T("ingest.rollback", r.Batch)
}

// notRead reports the files of jobs as never reached by the batch.
func notRead(jobs []job) []FileReport {
	frs := make([]FileReport, len(jobs))
	for i, j := range jobs {
		frs[i] = FileReport{Source: j.src.Name, Kind: j.src.Kind, Path: j.name, Status: StatusNotRead}
	}
	return frs
}

package ingest

import (
	"fmt"
	"io"
	"text/tabwriter"

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

// writeTable writes one row per file of the batch and a total row, in the
// words of what happened: what was loaded, what an ingest would do
// (Validate), or what would have been loaded by a batch that was rolled
// back (whose total says 0 loaded).
// The title goes above the table, so a long one does not widen the file
// column.
func (r Report) writeTable(w io.Writer, l i18n.Lang) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	status := func(s string) string {
		if k, ok := statusKeys[s]; ok {
			return l.T(k)
		}
		return s
	}
	head := func(cols ...string) {
		for _, c := range cols {
			fmt.Fprint(tw, l.T("ingest.col."+c)+"\t")
		}
		fmt.Fprintln(tw)
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
		fmt.Fprintln(w, l.T("ingest.title.rolled_back", r.Batch))
		head("file", "kind", "status", "read", "would_load", "would_update", "unchanged", "rejected")
		plain := status
		status = func(s string) string {
			if s == "loaded" {
				return l.T("ingest.status.rolled_back")
			}
			return plain(s)
		}
		totalStatus = l.T("ingest.status.none_loaded")
	default:
		fmt.Fprintln(w, l.T("ingest.title", r.Batch))
		head("file", "kind", "status", "read", "loaded", "updated", "unchanged", "rejected")
	}
	line := func(f FileReport, st string) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t\n", f.Path, f.Kind, st, f.Read, f.Inserted, f.Updated, f.Unchanged, f.Rejected)
	}
	for _, f := range r.Files {
		line(f, status(f.Status))
	}
	t := r.Totals()
	t.Path = l.T("ingest.total")
	line(t, totalStatus)
	return tw.Flush()
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

package ingest

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// StatusNotRead is the status of a file the batch never reached: an
// earlier file failed it. The report still lists the file, so the table
// names every file of the batch.
const StatusNotRead = "not read"

// writeTable writes one row per file of the batch and a total row, in the
// words of what happened: what was loaded, what an ingest would do
// (Validate), or what would have been loaded by a batch that was rolled
// back (whose total says 0 loaded).
// The title goes above the table, so a long one does not widen the file
// column.
func (r Report) writeTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	status := func(s string) string { return s }
	totalStatus := ""
	switch {
	case r.DryRun:
		fmt.Fprintln(w, "Validation (nothing loaded)")
		fmt.Fprintln(tw, "FILE\tKIND\tAN INGEST WOULD\tREAD\tLOAD\tUPDATE\tLEAVE\tREJECT\t")
		dry := map[string]string{"loaded": "load it", "failed": "refuse it", "skipped": "skip it"}
		status = func(s string) string { return dry[s] }
	case r.RolledBack:
		fmt.Fprintf(w, "Ingest batch %d: rolled back, nothing loaded\n", r.Batch)
		fmt.Fprintln(tw, "FILE\tKIND\tSTATUS\tREAD\tWOULD LOAD\tWOULD UPDATE\tUNCHANGED\tREJECTED\t")
		status = func(s string) string {
			if s == "loaded" {
				return "rolled back"
			}
			return s
		}
		totalStatus = "0 loaded"
	default:
		fmt.Fprintf(w, "Ingest batch %d\n", r.Batch)
		fmt.Fprintln(tw, "FILE\tKIND\tSTATUS\tREAD\tLOADED\tUPDATED\tUNCHANGED\tREJECTED\t")
	}
	line := func(f FileReport, st string) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t\n", f.Path, f.Kind, st, f.Read, f.Inserted, f.Updated, f.Unchanged, f.Rejected)
	}
	for _, f := range r.Files {
		line(f, status(f.Status))
	}
	line(r.Totals(), totalStatus)
	return tw.Flush()
}

// rollbackNote says what a rolled-back batch means for the operator, and
// which file caused it (the error itself is printed once, by the caller).
func (r Report) rollbackNote() string {
	for _, f := range r.Files {
		if f.Status == "failed" {
			return fmt.Sprintf("Batch %d was rolled back because %s failed: nothing from it was loaded. Fix that file and run again.", r.Batch, f.Path)
		}
	}
	return fmt.Sprintf("Batch %d was rolled back: nothing from it was loaded.", r.Batch)
}

// notRead reports the files of jobs as never reached by the batch.
func notRead(jobs []job) []FileReport {
	frs := make([]FileReport, len(jobs))
	for i, j := range jobs {
		frs[i] = FileReport{Source: j.src.Name, Kind: j.src.Kind, Path: j.name, Status: StatusNotRead}
	}
	return frs
}

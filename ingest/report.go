package ingest

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
)

// FileReport is what happened to one file.
type FileReport struct {
	Source, Kind, Path, Hash, Format, Encoding   string
	Read, Inserted, Updated, Unchanged, Rejected int64
	Status                                       string // loaded, skipped (same content already loaded), failed
	Message                                      string
}

// Report is the ingest report of one batch.
type Report struct {
	Batch      int64
	Files      []FileReport
	TopReasons []ReasonCount // commonest reject reasons, most first
	Warnings   int
	// FailedSources are the optional sources that could not be fetched;
	// what the warehouse held from them before stands.
	FailedSources []SourceFailure
	// DryRun marks the report of Validate: nothing was loaded, and the
	// text says what an ingest would do.
	DryRun bool
}

// ReasonCount is how many rejects gave one reason.
type ReasonCount struct {
	Reason string
	Count  int64
}

// Totals sums the counts of every file.
func (r Report) Totals() FileReport {
	t := FileReport{Path: "total"}
	for _, f := range r.Files {
		t.Read += f.Read
		t.Inserted += f.Inserted
		t.Updated += f.Updated
		t.Unchanged += f.Unchanged
		t.Rejected += f.Rejected
	}
	return t
}

// WriteText writes the human ingest report (or, for Validate, what an
// ingest would do).
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	if r.DryRun {
		fmt.Fprintf(tw, "Validation (nothing loaded)\t\t\t\t\t\t\t\n")
		fmt.Fprintln(tw, "FILE\tKIND\tAN INGEST WOULD\tREAD\tLOAD\tUPDATE\tLEAVE\tREJECT\t")
	} else {
		fmt.Fprintf(tw, "Ingest batch %d\t\t\t\t\t\t\t\n", r.Batch)
		fmt.Fprintln(tw, "FILE\tKIND\tSTATUS\tREAD\tLOADED\tUPDATED\tUNCHANGED\tREJECTED\t")
	}
	line := func(f FileReport) {
		status := f.Status
		if r.DryRun {
			status = map[string]string{"loaded": "load it", "failed": "refuse it", "skipped": "skip it"}[f.Status]
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t\n", f.Path, f.Kind, status, f.Read, f.Inserted, f.Updated, f.Unchanged, f.Rejected)
	}
	for _, f := range r.Files {
		line(f)
	}
	line(r.Totals())
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, f := range r.Files {
		if f.Message != "" {
			fmt.Fprintln(w, f.Message) // the message names the file
		}
	}
	if err := writeFailedSources(w, r.FailedSources); err != nil {
		return err
	}
	if len(r.TopReasons) > 0 {
		fmt.Fprintln(w, "Commonest reject reasons:")
		for _, rc := range r.TopReasons {
			fmt.Fprintf(w, "  %6d  %s\n", rc.Count, rc.Reason)
		}
		if !r.DryRun {
			fmt.Fprintf(w, "Every rejected row is in the rejects table: salesops query \"SELECT * FROM rejects WHERE batch_id = %d\"\n", r.Batch)
		}
	}
	if r.Warnings > 0 {
		where := "they are in the ingest_warnings table"
		if r.DryRun {
			where = "the later line of a repeated key wins"
		}
		_, err := fmt.Fprintf(w, "%d warnings (repeated keys and the like): %s.\n", r.Warnings, where)
		return err
	}
	return nil
}

func sortReasons(rs []ReasonCount) {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].Count != rs[j].Count {
			return rs[i].Count > rs[j].Count
		}
		return rs[i].Reason < rs[j].Reason
	})
	if len(rs) > 5 {
		rs = rs[:5]
	}
}

package ingest

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/salesops/salesops/i18n"
)

// FileReport is what happened to one file.
type FileReport struct {
	Source, Kind, Path, Hash, Format, Encoding   string
	Read, Inserted, Updated, Unchanged, Rejected int64
	Status                                       string // loaded, skipped (same content already loaded), failed, not read (the batch failed first)
	Message                                      string
	Batch                                        int64 // the batch that read the file (0 for Validate)
}

// Report is the ingest report of a batch: Batch, the last an ingest began,
// and the batches it committed before it (Earlier; batch_split.go), whose
// files come first in Files.
type Report struct {
	Batch      int64
	Earlier    []int64
	Files      []FileReport
	TopReasons []ReasonCount // commonest reject reasons, most first
	Warnings   int
	// FailedSources are the optional sources that could not be fetched;
	// what the warehouse held from them before stands.
	FailedSources []SourceFailure
	// RolledBack marks a failed batch: nothing of it was loaded, and the
	// counts of its files are what they would have loaded.
	RolledBack bool
	// Empty are the drop-folder sources whose path matched no file.
	Empty []EmptySource
	// Missing are the required kinds the warehouse still has no rows of.
	Missing []string
	// NotRead are the entries of drop folders left unread (a symlink out of
	// the folder, a FIFO…), each with why.
	NotRead []NotRead
	// DryRun marks the report of Validate: nothing was loaded, and the
	// text says what an ingest would do.
	DryRun bool
}

// ReasonCount is how many rejects gave one reason.
type ReasonCount struct {
	Reason string
	Count  int64
}

// stampFiles marks every file of r as read by r.Batch.
func (r *Report) stampFiles() {
	for i := range r.Files {
		r.Files[i].Batch = r.Batch
	}
}

// after puts the batches committed before r (earlier, in order) in front
// of it: their files, reject reasons, warnings and failed sources (only
// the first batch notes those).
func (r Report) after(earlier []Report) Report {
	if len(earlier) == 0 {
		return r
	}
	out := r
	out.Files, out.Earlier, out.FailedSources, out.Warnings = nil, nil, earlier[0].FailedSources, r.Warnings
	reasons := map[string]int64{}
	for _, e := range append(slices.Clone(earlier), r) {
		out.Files = append(out.Files, e.Files...)
		for _, rc := range e.TopReasons {
			reasons[rc.Reason] += rc.Count
		}
	}
	for _, e := range earlier {
		out.Earlier = append(out.Earlier, e.Batch)
		out.Warnings += e.Warnings
	}
	out.TopReasons = nil
	for reason, n := range reasons {
		out.TopReasons = append(out.TopReasons, ReasonCount{Reason: reason, Count: n})
	}
	slices.SortFunc(out.TopReasons, func(a, b ReasonCount) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	out.TopReasons = out.TopReasons[:min(len(out.TopReasons), 5)]
	return out
}

// batches names the batches of r for the rejects query: "7" or "6, 7".
func (r Report) batches() string {
	var b []string
	for _, n := range append(slices.Clone(r.Earlier), r.Batch) {
		b = append(b, strconv.FormatInt(n, 10))
	}
	return strings.Join(b, ", ")
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
// ingest would do) in English. A failed file's reason is not repeated
// here: the error the command returns carries it, and each refusal is said
// once.
func (r Report) WriteText(w io.Writer) error { return r.WriteTextIn(w, i18n.EN) }

// WriteTextIn is WriteText in l, the configured language: the report is a
// summary for people. What it quotes from the data (paths, kinds, sources,
// why a file was not read) is shown as it is, and the recorded report
// (JSON in the run history) keeps its English status words.
func (r Report) WriteTextIn(w io.Writer, l i18n.Lang) error {
	if err := r.writeTable(w, l); err != nil {
		return err
	}
	for i := 1; i < len(r.Files); i++ {
		if f, prev := r.Files[i], r.Files[i-1]; f.Batch != prev.Batch && slices.Contains(r.Earlier, prev.Batch) {
			fmt.Fprintln(w, l.T("ingest.split", f.Path, prev.Batch, f.Batch))
		}
	}
	if r.RolledBack {
		fmt.Fprintln(w, r.rollbackNote(l))
	}
	for _, n := range r.NotRead {
		fmt.Fprintln(w, l.T("ingest.not_read", n.Path, n.Source, n.Why))
	}
	for _, e := range r.Empty {
		fmt.Fprintln(w, l.T("ingest.empty", e.Path, e.Source, e.Kind))
	}
	if len(r.Missing) > 0 && !r.RolledBack {
		fmt.Fprintln(w, l.T("ingest.missing", strings.Join(r.Missing, l.T("ingest.or"))))
	}
	if err := writeFailedSources(w, r.FailedSources, l); err != nil {
		return err
	}
	if len(r.TopReasons) > 0 {
		fmt.Fprintln(w, l.T("ingest.reasons"))
		for _, rc := range r.TopReasons {
			fmt.Fprintf(w, "  %6d  %s\n", rc.Count, l.Reason(rc.Reason))
		}
		if !r.DryRun {
			q := fmt.Sprintf("salesops query \"SELECT * FROM rejects WHERE batch_id = %d\"", r.Batch)
			if len(r.Earlier) > 0 {
				q = fmt.Sprintf("salesops query \"SELECT * FROM rejects WHERE batch_id IN (%s)\"", r.batches())
			}
			fmt.Fprintln(w, l.T("ingest.rejects_query", q))
		}
	}
	if r.Warnings > 0 {
		where := l.T("ingest.warnings_table")
		if r.DryRun {
			where = l.T("ingest.warnings_dry")
		}
		_, err := fmt.Fprintln(w, l.T("ingest.warnings", r.Warnings, where))
		return err
	}
	return nil
}

// sortReasons orders rs most first and keeps the commonest five.
func sortReasons(rs []ReasonCount) []ReasonCount {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].Count != rs[j].Count {
			return rs[i].Count > rs[j].Count
		}
		return rs[i].Reason < rs[j].Reason
	})
	return rs[:min(5, len(rs))]
}

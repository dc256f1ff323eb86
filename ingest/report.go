package ingest

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/salesops/salesops/i18n"
)

// FileReport is what happened to one file.
type FileReport struct {
	Source, Kind, Path, Hash, Format, Encoding   string
	Read, Inserted, Updated, Unchanged, Rejected int64
	Status                                       string // loaded, skipped (same content already loaded), failed, not read (the batch failed first)
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

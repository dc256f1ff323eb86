package ingest

import (
	"context"
	"fmt"
	"io"

	"github.com/salesops/salesops/i18n"
)

// SourceFailure is an optional source that could not be fetched: the batch
// went on without it, on what the warehouse already held from it.
type SourceFailure struct {
	Source, Kind string
	URL          string // redacted (config.RedactURL)
	Error        string
}

// codeSourceFailed marks the ingest warning of a failed optional source.
const codeSourceFailed = "source_not_fetched"

// noteFailedSources records the failed optional sources as warnings of the
// batch, undated, so that the data-quality notes of every report show them.
// Such a warning says the data is stale now, not that a row is wrong, so
// the notes of earlier batches go: once a source is fetched again, its
// data is current and the reports stop saying otherwise.
func noteFailedSources(ctx context.Context, x execer, batch int64, failed []SourceFailure) error {
	if _, err := x.ExecContext(ctx, `DELETE FROM ingest_warnings WHERE code = ? AND batch_id <> ?`, codeSourceFailed, batch); err != nil {
		return fmt.Errorf("clearing the notes of sources that failed before: %w", err)
	}
	for _, f := range failed {
		msg := f.Error + "; the reports use the data loaded from it before"
		if _, err := x.ExecContext(ctx, `INSERT INTO ingest_warnings (batch_id, source, kind, file, code, message) VALUES (?, ?, ?, ?, ?, ?)`,
			batch, f.Source, f.Kind, f.URL, codeSourceFailed, msg); err != nil {
			return fmt.Errorf("recording that source %s could not be fetched: %w", f.Source, err)
		}
	}
	return nil
}

// writeFailedSources is the ingest report's paragraph on them.
func writeFailedSources(w io.Writer, failed []SourceFailure, l i18n.Lang) error {
	for _, f := range failed {
		if _, err := fmt.Fprintln(w, l.T("ingest.optional_failed", f.Error)); err != nil {
			return err
		}
	}
	return nil
}

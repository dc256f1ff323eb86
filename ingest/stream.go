package ingest

import (
	"context"
	"fmt"
)

// streamViews are the views an Arrow stream is registered as: _arrow_in
// for the rows a Go reader stages (stageRows), _arrow_plain for the plain
// path.
var streamViews = []string{"_arrow_in", "_arrow_plain"}

// openStream registers rdr as the view name for the statements that
// follow. DuckDB's arrow scan creates that view as an ordinary view of the
// warehouse, inside the batch transaction: unless it is dropped, a
// committed batch keeps it in the file. The returned end drops the view
// and then releases the stream; it is safe to call more than once.
// (After a failed statement the transaction refuses the DROP; the
// rollback that follows removes the view instead.)
func (s *session) openStream(ctx context.Context, rdr *chanReader, name string) (end func(), err error) {
	release, err := s.arrow.RegisterView(rdr, name)
	if err != nil {
		return nil, fmt.Errorf("registering the Arrow stream %s: %w", name, err)
	}
	done := false
	return func() {
		if done {
			return
		}
		done = true
		if s.tx != nil {
			_, _ = s.tx.ExecContext(context.WithoutCancel(ctx), "DROP VIEW IF EXISTS "+ident(name))
		}
		release()
	}, nil
}

// endStream ends the stream stageRows left open for the parse, and
// returns what its reader failed with, if anything: a reader that fails
// ends the stream early, so DuckDB sees fewer rows, not an error.
func (s *session) endStream() error {
	if s.stream == nil {
		return nil
	}
	st := s.stream
	s.stream = nil
	st.end()
	err := st.rdr.Err()
	st.rdr.Release()
	return err
}

// stagedStream is a Go reader's rows registered as _arrow_in, until the
// parse (the one statement that reads them) is done.
type stagedStream struct {
	rdr *chanReader
	end func()
}

// dropLeftStreams drops the stream views an earlier version committed
// with its batches (they name released streams, so reading them fails).
func dropLeftStreams(ctx context.Context, s *session) error {
	for _, v := range streamViews {
		if _, err := s.tx.ExecContext(ctx, "DROP VIEW IF EXISTS "+ident(v)); err != nil {
			return fmt.Errorf("dropping the leftover view %s: %w", v, err)
		}
	}
	return nil
}

package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"
)

// session is one DuckDB connection with its open transaction; the Arrow
// handle shares the connection so registered streams see the transaction.
type session struct {
	conn  *sql.Conn
	tx    *sql.Tx
	arrow *duckdb.Arrow
	stg   string // "TABLE" when _stg exists, so it can be dropped
	// from is the relation of the staged file (c0..cN, _err, and _line
	// unless firstLine > 0, when lines follow the order of the rows).
	from      string
	firstLine int64
	readAs    string // what DuckDB reads the file as, for its errors
}

func openSession(ctx context.Context, db *sql.DB) (*session, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("taking a warehouse connection: %w", err)
	}
	s := &session{conn: conn}
	if err := conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		s.arrow = a
		return err
	}); err != nil {
		conn.Close()
		return nil, fmt.Errorf("opening the Arrow interface: %w", err)
	}
	if _, err := conn.ExecContext(ctx, macroSQL()); err != nil {
		conn.Close()
		return nil, fmt.Errorf("defining the value parsers: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("beginning the batch transaction: %w", err)
	}
	s.tx = tx
	return s, nil
}

func (s *session) close() {
	if s.tx != nil {
		_ = s.tx.Rollback()
	}
	// A failed first-load insert may leave DuckDB's default switched off
	// (see upsert); file order matters to the staging of the next file.
	_, _ = s.conn.ExecContext(context.Background(), "SET preserve_insertion_order = true")
	s.conn.Close()
}

// rowSource yields the records of a file read in Go: the cells, the
// physical line (or sheet row), and a reason when the record is malformed.
type rowSource interface {
	next() (cells []string, line int64, bad string, err error)
}

const batchRows = 16384

// stageRows streams src into the temp table _stg (c0..cN, _line, _err) as
// Arrow record batches; no more than one batch is held in Go memory.
func (s *session) stageRows(ctx context.Context, ncols int, src rowSource) error {
	fields := make([]arrow.Field, 0, ncols+2)
	for i := range ncols {
		fields = append(fields, arrow.Field{Name: fmt.Sprintf("c%d", i), Type: arrow.BinaryTypes.String, Nullable: true})
	}
	fields = append(fields, arrow.Field{Name: "_line", Type: arrow.PrimitiveTypes.Int64},
		arrow.Field{Name: "_err", Type: arrow.BinaryTypes.String, Nullable: true})
	schema := arrow.NewSchema(fields, nil)
	rdr := newChanReader(schema)
	go rdr.produce(ctx, ncols, src)
	defer rdr.Release()
	release, err := s.arrow.RegisterView(rdr, "_arrow_in")
	if err != nil {
		return fmt.Errorf("registering the Arrow stream: %w", err)
	}
	defer release()
	_, err = s.tx.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE _stg AS SELECT * FROM _arrow_in")
	s.stg, s.from, s.firstLine = "TABLE", "_stg", 0
	if srcErr := rdr.Err(); srcErr != nil {
		return srcErr
	}
	if err != nil {
		return fmt.Errorf("staging rows: %w", err)
	}
	return nil
}

// stageDuck exposes a file DuckDB reads well (clean UTF-8 CSV, Parquet,
// JSON Lines) as the relation the parse step reads, every column as text,
// without copying it: the parse reads the file once. firstLine is the line
// of the first record (2 under a header row); the record number comes from
// the parsed table's row order (see parsedSQL).
func (s *session) stageDuck(ctx context.Context, from, readAs string, firstLine int64) ([]string, error) {
	rows, err := s.tx.QueryContext(ctx, "SELECT column_name FROM (DESCRIBE SELECT * FROM "+from+")")
	if err != nil {
		return nil, err
	}
	var headers, sel []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			rows.Close()
			return nil, err
		}
		sel = append(sel, fmt.Sprintf("CAST(%s AS VARCHAR) AS c%d", ident(h), len(headers)))
		headers = append(headers, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	s.from = fmt.Sprintf("(SELECT %s, CAST(NULL AS VARCHAR) AS _err FROM %s)", strings.Join(sel, ", "), from)
	s.firstLine, s.readAs = firstLine, readAs
	return headers, nil
}

func csvFrom(path string, delim rune) string {
	return fmt.Sprintf(`read_csv(%s, header = true, all_varchar = true, delim = %s, quote = '"', escape = '"',
		strict_mode = true, encoding = 'utf-8', null_padding = false)`, lit(path), lit(string(delim)))
}

// chanReader is an Arrow RecordReader fed by a goroutine through a small
// channel. (arrow's ReaderFromIter uses iter.Pull, whose coroutine may not
// be resumed from the foreign thread on which DuckDB pulls the stream.)
type chanReader struct {
	schema *arrow.Schema
	ch     chan arrow.RecordBatch
	done   chan struct{}
	once   sync.Once
	refs   atomic.Int64
	cur    arrow.RecordBatch
	mu     sync.Mutex
	err    error // the producer's failure
}

func (r *chanReader) fail(err error) {
	r.mu.Lock()
	r.err = err
	r.mu.Unlock()
}

func newChanReader(schema *arrow.Schema) *chanReader {
	r := &chanReader{schema: schema, ch: make(chan arrow.RecordBatch, 8), done: make(chan struct{})}
	r.refs.Store(1)
	return r
}

func (r *chanReader) produce(ctx context.Context, ncols int, src rowSource) {
	defer close(r.ch)
	b := array.NewRecordBuilder(memory.DefaultAllocator, r.schema)
	defer b.Release()
	n := 0
	send := func() bool {
		if n == 0 {
			return true
		}
		n = 0
		rec := b.NewRecordBatch()
		select {
		case r.ch <- rec:
			return true
		case <-r.done:
			rec.Release()
			return false
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			r.fail(err)
			return
		}
		cells, line, bad, err := src.next()
		if errors.Is(err, io.EOF) {
			send()
			return
		}
		if err != nil {
			r.fail(err)
			return
		}
		for i := range ncols {
			sb := b.Field(i).(*array.StringBuilder)
			if i < len(cells) && cells[i] != "" {
				sb.Append(cells[i])
			} else {
				sb.AppendNull()
			}
		}
		b.Field(ncols).(*array.Int64Builder).Append(line)
		if bad != "" {
			b.Field(ncols + 1).(*array.StringBuilder).Append(bad)
		} else {
			b.Field(ncols + 1).(*array.StringBuilder).AppendNull()
		}
		if n++; n == batchRows && !send() {
			return
		}
	}
}

func (r *chanReader) Retain() { r.refs.Add(1) }

func (r *chanReader) Release() {
	if r.refs.Add(-1) == 0 {
		r.once.Do(func() { close(r.done) })
		if r.cur != nil {
			r.cur.Release()
			r.cur = nil
		}
		for rec := range r.ch { // let the producer finish
			rec.Release()
		}
	}
}

func (r *chanReader) Schema() *arrow.Schema { return r.schema }

func (r *chanReader) Next() bool {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	rec, ok := <-r.ch
	if !ok {
		return false
	}
	r.cur = rec
	return true
}

func (r *chanReader) RecordBatch() arrow.RecordBatch { return r.cur }

// Record is the deprecated name of RecordBatch.
func (r *chanReader) Record() arrow.RecordBatch { return r.cur }

func (r *chanReader) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

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
	// from is the relation of the staged file: c0..cN, _line (the
	// physical line or sheet row, carried by every row: no order of rows
	// is relied on), _err.
	from   string
	readAs string // what DuckDB reads the file as, when it reads it, for its errors
	stream *stagedStream
	// inserted counts the rows the transaction inserted into each table
	// (batch_split.go).
	inserted map[string]int64
}

func openSession(ctx context.Context, db *sql.DB) (*session, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("taking a warehouse connection: %w", err)
	}
	s := &session{conn: conn, inserted: map[string]int64{}}
	if err := conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		s.arrow = a
		return err
	}); err != nil {
		conn.Close()
		return nil, fmt.Errorf("opening the Arrow interface: %w", err)
	}
	if err := defineMacros(ctx, conn); err != nil {
		conn.Close()
		return nil, fmt.Errorf("defining the value parsers: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("beginning the batch transaction: %w", err)
	}
	s.tx = tx
	if err := dropLeftStreams(ctx, s); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *session) close() {
	_ = s.endStream()
	if s.tx != nil {
		_ = s.tx.Rollback()
	}
	// A failed first-load insert may leave DuckDB's default switched off
	// (see upsert); the next user of the database expects the default.
	_, _ = s.conn.ExecContext(context.Background(), "SET preserve_insertion_order = true")
	s.conn.Close()
}

// rowSource yields the records of a file read in Go: the cells, the
// physical line (or sheet row), and a reason when the record is malformed.
type rowSource interface {
	next() (cells []string, line int64, bad string, err error)
}

const batchRows = 16384

// batchBytes ends a batch early when its cells hold this much text: wide
// or long rows (up to max_line_bytes each) would otherwise make one
// batch of batchRows rows gigabytes.
const batchBytes = 8 << 20

// stageRows exposes the records of src as the relation _arrow_in (c0..cN,
// _line, _err), an Arrow stream of record batches that the parse reads
// once, straight from the reader: no copy of the file is written, and no
// more than a few batches are held in Go memory. The stream stays
// registered until endStream; done (the source's close) is called when
// the reading ends.
func (s *session) stageRows(ctx context.Context, ncols int, src rowSource, done func()) error {
	fields := make([]arrow.Field, 0, ncols+2)
	for i := range ncols {
		fields = append(fields, arrow.Field{Name: fmt.Sprintf("c%d", i), Type: arrow.BinaryTypes.String, Nullable: true})
	}
	fields = append(fields, arrow.Field{Name: "_line", Type: arrow.PrimitiveTypes.Int64},
		arrow.Field{Name: "_err", Type: arrow.BinaryTypes.String, Nullable: true})
	schema := arrow.NewSchema(fields, nil)
	rdr := newChanReader(schema)
	end, err := s.openStream(ctx, rdr, "_arrow_in")
	if err != nil {
		close(rdr.ch)
		rdr.Release()
		done()
		return err
	}
	go func() {
		defer done()
		rdr.produce(ctx, ncols, src)
	}()
	s.stream = &stagedStream{rdr: rdr, end: end}
	s.from, s.readAs = "_arrow_in", ""
	return nil
}

// stageParquet exposes a Parquet file as the relation the parse reads,
// every column as text, without copying it. The line of a row is its
// row number in the file (from DuckDB's file_row_number), plus one.
//
// DuckDB is given the opened file's /proc name (source_open.go); without
// /proc, the path, checked to name the opened file here and by loadFile
// after the merge.
func (s *session) stageParquet(ctx context.Context, sf *sourceFile) ([]string, error) {
	if err := sf.unchanged(); err != nil {
		return nil, err
	}
	from := fmt.Sprintf("read_parquet(%s, file_row_number = true)", lit(sf.name()))
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
		if h == "file_row_number" {
			continue
		}
		sel = append(sel, fmt.Sprintf("CAST(%s AS VARCHAR) AS c%d", ident(h), len(headers)))
		headers = append(headers, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	s.from = fmt.Sprintf("(SELECT %s, CAST(file_row_number + 1 AS BIGINT) AS _line, CAST(NULL AS VARCHAR) AS _err FROM %s)", strings.Join(sel, ", "), from)
	s.readAs = "parquet"
	return headers, nil
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
	n, size := 0, 0
	send := func() bool {
		if n == 0 {
			return true
		}
		n, size = 0, 0
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
				size += len(cells[i])
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
		if n++; (n == batchRows || size >= batchBytes) && !send() {
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

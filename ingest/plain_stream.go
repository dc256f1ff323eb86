package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"slices"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The reading side of the plain path: lines into cells into Arrow batches.
// The batches are built in plain slices handed to Arrow whole, which costs
// a third of appending value by value through array builders, and this
// goroutine shares two cores with DuckDB's writers.

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// splitPlain splits one line into cells, reusing buf, or reports false for
// a line the strict scanner would call complex: a quote inside an unquoted
// cell, text after a closing quote, a quote left open (a line break inside
// quotes). Cells point into line, except quoted cells with a doubled quote.
func splitPlain(line []byte, delim byte, buf [][]byte) ([][]byte, bool) {
	buf = buf[:0]
	for {
		if len(line) > 0 && line[0] == '"' {
			i := 1 + bytes.IndexByte(line[1:], '"')
			if i == 0 {
				return buf, false
			}
			cell := line[1:i]
			i++
			if i < len(line) && line[i] == '"' {
				var b []byte // a doubled quote: the cell needs its own copy
				b = append(b, cell...)
				for i < len(line) && line[i] == '"' {
					j := bytes.IndexByte(line[i+1:], '"')
					if j < 0 {
						return buf, false
					}
					b = append(append(b, '"'), line[i+1:i+1+j]...)
					i += j + 2
				}
				cell = b
			}
			buf = append(buf, cell)
			if i == len(line) {
				return buf, true
			}
			if line[i] != delim {
				return buf, false
			}
			line = line[i+1:]
			continue
		}
		j := bytes.IndexByte(line, delim)
		if j < 0 {
			j = len(line)
		}
		if bytes.IndexByte(line[:j], '"') >= 0 {
			return buf, false // a quote inside an unquoted cell
		}
		buf = append(buf, line[:j])
		if j == len(line) {
			return buf, true
		}
		line = line[j+1:]
	}
}

// errPlainStop ends the stream early without failing the statement.
var errPlainStop = errors.New("plain path declined")

// plainSource reads the records of the file after its header as Arrow
// batches of the plain schema; it stops at the first record that is not
// plain.
type plainSource struct {
	pl      *plainLoad
	r       *bufio.Reader
	line    int64 // of the last record read
	read    int64 // bytes of the records so far
	cells   [][]byte
	out     [][]byte
	nums    []int64
	scratch []byte
	rows    int64
	hashes  keyHashes // of the keys, while there are at most maxPlainHashes
	decline string
}

func newPlainSource(pl *plainLoad, r io.Reader, line int64) *plainSource {
	return &plainSource{pl: pl, r: bufio.NewReaderSize(r, 1<<20), line: line,
		out: make([][]byte, len(pl.cols)), nums: make([]int64, len(pl.cols))}
}

// plainColumn is one column of a batch being built.
type plainColumn struct {
	typ   fieldType
	valid []byte // bitmap: 1 = a value
	nulls int
	offs  []int32 // text: offsets into data
	data  []byte
	words []uint64 // decimal128: two words a value, low first
	i32   []int32  // date32, int32
	i64   []int64  // timestamp (microseconds)
	bits  []byte   // boolean values
}

func (c *plainColumn) add(i int, v []byte, n int64) {
	if v == nil {
		c.nulls++
	} else {
		c.valid[i>>3] |= 1 << (i & 7)
	}
	switch c.typ {
	case tMoney:
		c.words = append(c.words, uint64(n), uint64(n>>63))
	case tDate, tInt:
		c.i32 = append(c.i32, int32(n))
	case tTimestamp:
		c.i64 = append(c.i64, n)
	case tBool:
		if n == 1 {
			c.bits[i>>3] |= 1 << (i & 7)
		}
	default:
		c.data = append(c.data, v...)
		c.offs = append(c.offs, int32(len(c.data)))
	}
}

func (c *plainColumn) array(dt arrow.DataType, n int) arrow.Array {
	var valid *memory.Buffer
	if c.nulls > 0 {
		valid = memory.NewBufferBytes(c.valid)
	}
	var bufs []*memory.Buffer
	switch c.typ {
	case tMoney:
		bufs = []*memory.Buffer{valid, memory.NewBufferBytes(arrow.Uint64Traits.CastToBytes(c.words))}
	case tDate, tInt:
		bufs = []*memory.Buffer{valid, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(c.i32))}
	case tTimestamp:
		bufs = []*memory.Buffer{valid, memory.NewBufferBytes(arrow.Int64Traits.CastToBytes(c.i64))}
	case tBool:
		bufs = []*memory.Buffer{valid, memory.NewBufferBytes(c.bits)}
	default:
		bufs = []*memory.Buffer{valid, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(c.offs)), memory.NewBufferBytes(c.data)}
	}
	d := array.NewData(dt, n, bufs, nil, c.nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// batch reads up to batchRows plain records into one Arrow batch. It
// returns io.EOF at the end of the file and errPlainStop at a record that
// is not plain, with the batch of the records before it.
func (ps *plainSource) batch(schema *arrow.Schema) (arrow.RecordBatch, error) {
	lines := make([]int64, 0, batchRows)
	cols := make([]plainColumn, len(ps.pl.cols))
	for k, pc := range ps.pl.cols {
		c := &cols[k]
		c.typ = pc.f.typ
		c.valid = make([]byte, (batchRows+7)/8)
		switch c.typ {
		case tMoney:
			c.words = make([]uint64, 0, 2*batchRows)
		case tDate, tInt:
			c.i32 = make([]int32, 0, batchRows)
		case tTimestamp:
			c.i64 = make([]int64, 0, batchRows)
		case tBool:
			c.bits = make([]byte, (batchRows+7)/8)
		default:
			c.offs = make([]int32, 1, batchRows+1)
			c.data = make([]byte, 0, 16*batchRows)
		}
	}
	var err error
	for start := ps.read; len(lines) < batchRows && ps.read-start < batchBytes; {
		var blank bool
		if blank, err = ps.record(); err != nil {
			break
		}
		if blank {
			continue
		}
		i := len(lines)
		lines = append(lines, ps.line)
		for k, v := range ps.out {
			cols[k].add(i, v, ps.nums[k])
		}
	}
	if len(lines) == 0 {
		return nil, err
	}
	n := len(lines)
	arrays := make([]arrow.Array, 0, len(cols)+1)
	arrays = append(arrays, array.NewInt64Data(array.NewData(arrow.PrimitiveTypes.Int64, n,
		[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int64Traits.CastToBytes(lines))}, nil, 0, 0)))
	for k := range cols {
		arrays = append(arrays, cols[k].array(schema.Field(k+1).Type, n))
	}
	rec := array.NewRecordBatch(schema, arrays, int64(n))
	for _, a := range arrays {
		a.Release()
	}
	return rec, err
}

// record reads the next record into ps.out and ps.nums, or reports a
// blank record, which is skipped.
func (ps *plainSource) record() (blank bool, err error) {
	for {
		var raw []byte
		raw, err = ps.r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) || len(raw) > ps.pl.maxLine {
			ps.decline = "a line longer than 1 MB or limits.max_line_bytes"
			return false, errPlainStop
		}
		if len(raw) == 0 && err != nil {
			return false, err
		}
		ps.line++
		rec := trimEOL(raw)
		// What the full inspection would have checked: UTF-8, and one
		// record per line (no blank line, no bare CR); and no NUL.
		if len(rec) == 0 || bytes.IndexByte(rec, '\r') >= 0 || bytes.IndexByte(rec, 0) >= 0 || !utf8.Valid(rec) {
			ps.decline = fmt.Sprintf("line %d is not a plain UTF-8 record", ps.line)
			return false, errPlainStop
		}
		var ok bool
		ps.cells, ok = splitPlain(rec, ps.pl.delim, ps.cells)
		if !ok || len(ps.cells) != len(ps.pl.cm.headers) {
			ps.decline = fmt.Sprintf("line %d is not a plain record", ps.line)
			return false, errPlainStop
		}
		blank, why := ps.pl.row(ps.cells, ps.out, ps.nums, &ps.scratch)
		if why != "" {
			ps.decline = fmt.Sprintf("line %d: %s", ps.line, why)
			return false, errPlainStop
		}
		if blank {
			return true, nil
		}
		ps.rows++
		ps.read += int64(len(raw))
		// A row without its key cell (a follow-up whose key SQL derives)
		// adds no hash, so rows outnumber hashes and SQL looks at the keys.
		if k := ps.pl.keyCol; k >= 0 && len(ps.cells[k]) > 0 && ps.hashes.len() < maxPlainHashes {
			ps.hashes.add(maphash.Bytes(ps.pl.seed, ps.cells[k]))
		}
		return false, nil
	}
}

// streamPlain feeds r the batches of the file's records and sets
// pl.rows, pl.decline and pl.repeated before it ends the stream. headerLen
// is the byte length of the header line. (One reader: a second, on the
// other half of the file, took cores from DuckDB's writers and made a
// two-core load 1.5 s slower.)
func streamPlain(ctx context.Context, r *chanReader, pl *plainLoad, f *os.File, headerLen, size int64) {
	defer close(r.ch)
	ps := newPlainSource(pl, io.NewSectionReader(f, headerLen, size-headerLen), 1)
	defer func() {
		pl.rows, pl.decline = ps.rows, ps.decline
		if pl.decline == "" && r.Err() == nil {
			// Sorted before the stream ends, so loadPlain reads a settled
			// result; DuckDB's writers finish their last row groups meanwhile.
			pl.repeated, pl.keysErr = repeats(&ps.hashes, ps.rows)
		}
		ps.hashes.close()
	}()
	for {
		if err := ctx.Err(); err != nil {
			r.fail(err)
			return
		}
		rec, err := ps.batch(r.schema)
		if rec != nil {
			select {
			case r.ch <- rec:
			case <-r.done:
				rec.Release()
				return
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, errPlainStop) {
				r.fail(err)
			}
			return
		}
	}
}

// repeats reports whether two rows may share a key: exactly when two key
// hashes are equal, or when there were too many rows to keep every hash,
// or when the hashes could not be checked (err says why).
func repeats(k *keyHashes, rows int64) (bool, error) {
	if rows > k.len() {
		return true, nil
	}
	return k.repeated()
}

// openPlain opens the file and reads its header line.
func openPlain(sf *sourceFile) (*os.File, []byte, error) {
	f, err := sf.open()
	if err != nil {
		return nil, nil, err
	}
	head, err := bufio.NewReaderSize(f, 1<<20).ReadSlice('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		f.Close()
		return nil, nil, err
	}
	return f, slices.Clone(head), nil
}

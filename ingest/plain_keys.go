package ingest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// keyHashes holds the 64-bit hashes of a file's keys, for the plain
// path's check of repeated keys. It sorts them in runs of hashRun as they
// come and writes each full run to a temporary file, then merges the runs
// from there: Go holds one run and its sort scratch (32 MB), not eight
// bytes a row. Held whole, the 20M keys of a follow-ups file were 168 MB
// of Go's live heap for the whole load, and the collector let the heap
// grow to twice that (the ingest's peak RSS at 10M deals). A check in SQL,
// a GROUP BY over 20M keys, took 4.9 s and more when it spilled.
type keyHashes struct {
	run   []uint64 // the run still filling
	tmp   []uint64 // the scratch of radixSort
	n     int64    // hashes added
	file  *os.File // the full runs, sorted, hashRun hashes each
	runs  int      // how many runs the file holds
	spill error    // why the runs could not be written or read back
}

// hashRun is the length of a sorted run (16 MB of hashes).
var hashRun = 2 << 20 // a variable, so tests can make runs short

// keysDir is where the runs' file is made: "" for the system's
// temporary folder (a variable, so tests can make it fail).
var keysDir = ""

func (k *keyHashes) len() int64 { return k.n }

func (k *keyHashes) add(h uint64) {
	if k.run == nil {
		k.run = make([]uint64, 0, min(hashRun, 1<<16))
	}
	k.run = append(k.run, h)
	k.n++
	if len(k.run) == hashRun {
		k.sortRun()
		k.writeRun()
	}
}

func (k *keyHashes) sortRun() {
	if len(k.tmp) < len(k.run) {
		k.tmp = make([]uint64, len(k.run))
	}
	radixSort(k.run, k.tmp[:len(k.run)])
}

// writeRun appends the sorted run to the file, made on the first run and
// unlinked at once, so that no crash leaves it behind.
func (k *keyHashes) writeRun() {
	defer func() { k.run = k.run[:0] }()
	if k.spill != nil {
		return
	}
	if k.file == nil {
		f, err := os.CreateTemp(keysDir, "salesops-keys-")
		if err != nil {
			k.spill = fmt.Errorf("making the file of the key hashes: %w", err)
			return
		}
		k.file = f
		_ = os.Remove(f.Name()) // where a system cannot unlink an open file, close removes it
	}
	buf := make([]byte, 0, 1<<16)
	for run := k.run; len(run) > 0; {
		chunk := run[:min(len(run), cap(buf)/8)]
		run = run[len(chunk):]
		buf = buf[:0]
		for _, h := range chunk {
			buf = binary.LittleEndian.AppendUint64(buf, h)
		}
		if _, err := k.file.Write(buf); err != nil {
			k.spill = fmt.Errorf("writing the key hashes: %w", err)
			return
		}
	}
	k.runs++
}

// close drops the hashes and their file.
func (k *keyHashes) close() {
	if k.file != nil {
		name := k.file.Name()
		k.file.Close()
		_ = os.Remove(name)
		k.file = nil
	}
	k.run, k.tmp = nil, nil
}

// repeated reports whether two of the hashes are equal: it sorts the last
// run and merges the runs, comparing each hash with the one before it. A
// run it could not write or read back makes it answer true, so that SQL
// checks the keys; err says why.
func (k *keyHashes) repeated() (bool, error) {
	k.sortRun()
	k.tmp = nil
	if k.spill != nil {
		return true, k.spill
	}
	runs := []*runCursor{{cur: k.run}}
	for i := range k.runs {
		size := int64(hashRun) * 8
		runs = append(runs, &runCursor{r: io.NewSectionReader(k.file, int64(i)*size, size), buf: make([]uint64, min(hashRun, 1<<13))})
	}
	var live []*runCursor
	for _, c := range runs {
		if err := c.fill(); err != nil {
			return true, err
		}
		if len(c.cur) > 0 {
			live = append(live, c)
		}
	}
	return mergeRepeats(live)
}

// runCursor reads a sorted run: cur is what is left of its current block.
// A run in memory is one block and has no reader.
type runCursor struct {
	r   io.Reader
	buf []uint64
	raw []byte
	cur []uint64
}

// fill reads the next block when cur is used up; cur stays empty at the
// run's end.
func (c *runCursor) fill() error {
	if len(c.cur) > 0 || c.r == nil {
		return nil
	}
	if c.raw == nil {
		c.raw = make([]byte, 8*len(c.buf))
	}
	n, err := io.ReadFull(c.r, c.raw)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fmt.Errorf("reading the key hashes back: %w", err)
	}
	if n%8 != 0 {
		return fmt.Errorf("reading the key hashes back: a run ends inside a hash")
	}
	c.cur = c.buf[:n/8]
	for i := range c.cur {
		c.cur[i] = binary.LittleEndian.Uint64(c.raw[8*i:])
	}
	return nil
}

// mergeRepeats merges the sorted runs and reports whether a hash repeats.
func mergeRepeats(runs []*runCursor) (bool, error) {
	// A heap of the runs by their next hash: a file has a few runs.
	less := func(i, j int) bool { return runs[i].cur[0] < runs[j].cur[0] }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(runs) {
				return
			}
			if r := l + 1; r < len(runs) && less(r, l) {
				l = r
			}
			if !less(l, i) {
				return
			}
			runs[i], runs[l] = runs[l], runs[i]
			i = l
		}
	}
	for i := len(runs)/2 - 1; i >= 0; i-- {
		down(i)
	}
	have, prev := false, uint64(0)
	for len(runs) > 0 {
		// The next smallest hash of the other runs is the next of one of
		// the root's children: every hash of the root's block below it is
		// taken in one go.
		r, limit, bounded := runs[0], uint64(0), false
		for c := 1; c <= 2 && c < len(runs); c++ {
			if !bounded || runs[c].cur[0] < limit {
				limit, bounded = runs[c].cur[0], true
			}
		}
		n := 0
		for n < len(r.cur) && (!bounded || r.cur[n] < limit) {
			if have && r.cur[n] == prev {
				return true, nil
			}
			have, prev = true, r.cur[n]
			n++
		}
		if n < len(r.cur) && r.cur[n] == limit {
			return true, nil // the same hash heads another run
		}
		r.cur = r.cur[n:]
		if err := r.fill(); err != nil {
			return true, err
		}
		if len(r.cur) == 0 {
			runs[0] = runs[len(runs)-1]
			runs = runs[:len(runs)-1]
		}
		if len(runs) > 0 {
			down(0)
		}
	}
	return false, nil
}

// radixSort sorts a in four passes of 16 bits, with tmp (as long as a) for
// scratch: a tenth of slices.Sort's time at ten million keys.
func radixSort(a, tmp []uint64) {
	src, dst := a, tmp
	for shift := 0; shift < 64; shift += 16 {
		var count [1 << 16]int
		for _, v := range src {
			count[(v>>shift)&0xffff]++
		}
		pos := 0
		for i, n := range count {
			count[i] = pos
			pos += n
		}
		for _, v := range src {
			d := (v >> shift) & 0xffff
			dst[count[d]] = v
			count[d]++
		}
		src, dst = dst, src
	}
}

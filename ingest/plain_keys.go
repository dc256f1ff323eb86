package ingest

import "slices"

// keyHashes holds the 64-bit hashes of a file's keys, for the plain
// path's check of repeated keys. It sorts them in runs of hashRun as they
// come, so the sort needs a scratch copy of one run, not of every hash:
// ten million hashes cost 80 MB instead of 160 MB at the end, which is
// what lets a file of 20M follow-ups be checked in Go rather than by a
// GROUP BY over 20M keys in SQL (4.9 s at 20M, more when it spills).
type keyHashes struct {
	h      []uint64 // sorted runs of hashRun, then the run still filling
	sorted int      // h[:sorted] are sorted runs
	tmp    []uint64 // the scratch of radixSort
}

// hashRun is the length of a sorted run (16 MB of hashes).
var hashRun = 2 << 20 // a variable, so tests can make runs short

func (k *keyHashes) grow(n int) { k.h = slices.Grow(k.h, n-len(k.h)) }

func (k *keyHashes) len() int { return len(k.h) }

func (k *keyHashes) add(h uint64) {
	k.h = append(k.h, h)
	if len(k.h)-k.sorted == hashRun {
		k.sortRun()
	}
}

func (k *keyHashes) sortRun() {
	run := k.h[k.sorted:]
	if len(k.tmp) < len(run) {
		k.tmp = make([]uint64, len(run))
	}
	radixSort(run, k.tmp[:len(run)])
	k.sorted = len(k.h)
}

// repeated reports whether two of the hashes are equal: it sorts the last
// run and merges the runs, comparing each hash with the one before it.
func (k *keyHashes) repeated() bool {
	k.sortRun()
	k.tmp = nil
	var runs [][]uint64
	for i := 0; i < len(k.h); i += hashRun {
		runs = append(runs, k.h[i:min(i+hashRun, len(k.h))])
	}
	// A heap of the runs by their first hash: a file has a few runs.
	less := func(i, j int) bool { return runs[i][0] < runs[j][0] }
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
		// The next smallest hash of the other runs is the first of one of
		// the root's children: every hash of the root run below it is
		// taken in one go.
		r, limit, bounded := runs[0], uint64(0), false
		for c := 1; c <= 2 && c < len(runs); c++ {
			if !bounded || runs[c][0] < limit {
				limit, bounded = runs[c][0], true
			}
		}
		n := 0
		for n < len(r) && (!bounded || r[n] < limit) {
			if have && r[n] == prev {
				return true
			}
			have, prev = true, r[n]
			n++
		}
		if n < len(r) && r[n] == limit {
			return true // the same hash heads another run
		}
		if n == len(r) {
			runs[0] = runs[len(runs)-1]
			runs = runs[:len(runs)-1]
		} else {
			runs[0] = r[n:]
		}
		if len(runs) > 0 {
			down(0)
		}
	}
	return false
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

package ingest

import (
	"math/rand/v2"
	"testing"
)

// The hashes are sorted in runs and the runs merged: an equal pair must be
// found wherever it lies (in one run, at the head of another, in the
// middle of another, in the last run still filling), and none reported
// where there is none.
func TestKeyHashesFindsEqualPairsAcrossRuns(t *testing.T) {
	defer func(n int) { hashRun = n }(hashRun)
	hashRun = 4
	tests := []struct {
		name   string
		hashes []uint64
		want   bool
	}{
		{"none", nil, false},
		{"one", []uint64{7}, false},
		{"distinct, three runs", []uint64{9, 1, 8, 2, 7, 3, 6, 4, 5, 0}, false},
		{"in one run", []uint64{5, 1, 5, 2}, true},
		{"at the head of another run", []uint64{1, 9, 8, 7, 1, 20, 21, 22}, true},
		{"in the middle of another run", []uint64{5, 100, 101, 102, 1, 2, 5, 9}, true},
		{"in the last run, still filling", []uint64{10, 11, 12, 13, 20, 21, 22, 23, 30, 12}, true},
		{"the largest value twice", []uint64{1<<64 - 1, 3, 4, 5, 1<<64 - 1}, true},
		{"zero twice", []uint64{0, 3, 4, 5, 6, 0}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var k keyHashes
			for _, h := range tt.hashes {
				k.add(h)
			}
			if got := k.repeated(); got != tt.want {
				t.Errorf("repeated() = %v; want %v", got, tt.want)
			}
		})
	}
	// Against a set, on random hashes in runs of 4 to 64, with and without
	// one value repeated at a random place.
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 11))
		hashRun = 4 + r.IntN(61)
		hs := make([]uint64, r.IntN(2000))
		for i := range hs {
			hs[i] = r.Uint64() >> r.IntN(60) // small values too, to share digits
		}
		if seed%2 == 1 && len(hs) > 1 {
			hs[r.IntN(len(hs))] = hs[r.IntN(len(hs))]
		}
		seen, want := map[uint64]bool{}, false
		for _, h := range hs {
			want = want || seen[h]
			seen[h] = true
		}
		var k keyHashes
		for _, h := range hs {
			k.add(h)
		}
		if got := k.repeated(); got != want {
			t.Fatalf("seed %d (%d hashes, runs of %d): repeated() = %v; want %v", seed, len(hs), hashRun, got, want)
		}
	}
}

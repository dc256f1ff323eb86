package ingest

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
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
			got, err := k.repeated()
			k.close()
			if got != tt.want || err != nil {
				t.Errorf("repeated() = %v, %v; want %v", got, err, tt.want)
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
		got, err := k.repeated()
		k.close()
		if got != want || err != nil {
			t.Fatalf("seed %d (%d hashes, runs of %d): repeated() = %v, %v; want %v", seed, len(hs), hashRun, got, err, want)
		}
	}
}

// The full runs go to a file that is gone from the temporary folder as soon
// as it is made; when it cannot be made, repeated says the keys may repeat
// (so SQL checks them) and why.
func TestKeyHashesSpillToAnUnlinkedFile(t *testing.T) {
	defer func(n int, d string) { hashRun, keysDir = n, d }(hashRun, keysDir)
	hashRun = 4
	dir := t.TempDir()
	keysDir = dir
	var k keyHashes
	for h := range uint64(10) {
		k.add(h)
	}
	if k.runs != 2 || k.file == nil {
		t.Fatalf("%d runs written, file %v; want 2 in a file", k.runs, k.file)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the hashes' file is in the temporary folder: %v", left)
	}
	if got, err := k.repeated(); got || err != nil {
		t.Errorf("repeated() = %v, %v; want false", got, err)
	}
	k.close()

	keysDir = filepath.Join(dir, "missing")
	var broken keyHashes
	for h := range uint64(10) {
		broken.add(h)
	}
	got, err := broken.repeated()
	broken.close()
	if !got || err == nil || !strings.Contains(err.Error(), "making the file of the key hashes") {
		t.Errorf("repeated() = %v, %v; want true and why", got, err)
	}
}

package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// A workbook of too many zip entries is refused from its directory's end
// and records, before archive/zip loads the directory: by the count it
// declares, by the records really there when the declared count lies
// (16 bits wrap), and by the ZIP64 count. Before, such a file went to
// archive/zip and excelize whole.
func TestZipEntriesBounded(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	many := manyEntriesZip(t, 50000)
	lying := bytes.Clone(many)
	end := bytes.LastIndex(lying, []byte("PK\x05\x06"))
	binary.LittleEndian.PutUint16(lying[end+8:], 3)
	binary.LittleEndian.PutUint16(lying[end+10:], 3)
	for _, tc := range []struct {
		name string
		data []byte
		what string
	}{
		{"declared", many, "a zip of 50000 entries"},
		{"declared count lies", lying, "a zip of more than 10000 entries"},
		{"zip64", manyEntriesZip(t, 70000), "a zip of 70000 entries"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, strings.ReplaceAll(tc.name, " ", "_")+".xlsx", tc.data)
			t0 := time.Now()
			_, _, err := Validate(context.Background(), p, "reps", config.Source{}, cfg, Options{})
			var le *LimitError
			if !errors.As(err, &le) || !errors.Is(err, faults.ErrData) || le.Setting != "" {
				t.Fatalf("err = %v; want the fixed limit on entries (exit 3)", err)
			}
			if msg := err.Error(); !strings.Contains(msg, p) || !strings.Contains(msg, tc.what) || !strings.Contains(msg, "fixed limit of 10000") {
				t.Errorf("message %q should name the file, %q and the fixed limit", msg, tc.what)
			}
			t.Logf("refused in %s", time.Since(t0).Round(time.Millisecond))
		})
	}
	// A workbook at the bound is measured, not refused for its entries.
	ok := writeFile(t, dir, "ok.xlsx", manyEntriesZip(t, maxZipEntries))
	f, err := os.Open(ok)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	if err := checkZipDirectory(f, st.Size(), ok); err != nil {
		t.Errorf("a zip of exactly %d entries: %v", maxZipEntries, err)
	}
}

// manyEntriesZip is a zip of n empty stored entries (a ZIP64 directory
// end past 65534, as archive/zip writes it).
func manyEntriesZip(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := range n {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("x/%d", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

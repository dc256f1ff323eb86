package reports

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// The scorecards of one month are the same bytes every time they are
// written: excelize lists the image content types of a workbook with a
// chart in map order, which made every rerun's file differ (found by
// internal/cli's crash test).
func TestScorecardsSameBytesEachRun(t *testing.T) {
	w := caseWarehouse(t)
	var files [][]byte
	for range 3 {
		path, err := WriteScorecards(context.Background(), w.DB, dashOptions(t.TempDir(), "en"))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	for i, b := range files[1:] {
		if !bytes.Equal(b, files[0]) {
			t.Fatalf("write %d differs from the first (%d bytes, want %d)", i+2, len(b), len(files[0]))
		}
	}
}

package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesops/salesops/period"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// testAsOf is a mid-month day: the latest complete month is 2026-06 and the
// history runs from 2024-07-01.
var testAsOf = period.Date(2026, 7, 15)

func generate(t testing.TB, opt Options) (string, []File, Facts) {
	t.Helper()
	if opt.AsOf.IsZero() {
		opt.AsOf = testAsOf
	}
	dir := t.TempDir()
	files, err := Generate(context.Background(), dir, opt)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opt, err)
	}
	facts, err := Describe(opt)
	if err != nil {
		t.Fatalf("Describe(%+v): %v", opt, err)
	}
	return dir, files, facts
}

// table is a CSV file read back: rows keyed by header, with the physical
// line each row starts on.
type table struct {
	header []string
	rows   []map[string]string
	lines  []int
}

func readTable(t testing.TB, path, encoding string) table {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch encoding {
	case "gb18030":
		if data, err = simplifiedchinese.GB18030.NewDecoder().Bytes(data); err != nil {
			t.Fatalf("decoding %s: %v", path, err)
		}
	case "utf-8-bom":
		if !bytes.HasPrefix(data, []byte("\uFEFF")) {
			t.Fatalf("%s: no BOM", path)
		}
		data = data[3:]
	}
	r := csv.NewReader(bytes.NewReader(data))
	header, err := r.Read()
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	tb := table{header: header}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading %s: %v", path, err)
		}
		line, _ := r.FieldPos(0)
		row := map[string]string{}
		for i, h := range header {
			row[h] = rec[i]
		}
		tb.rows = append(tb.rows, row)
		tb.lines = append(tb.lines, line)
	}
	return tb
}

// canonicalTables reads every canonical file of kind, in path order.
func canonicalTables(t testing.TB, dir string, files []File, kind string) []table {
	t.Helper()
	var out []table
	for _, f := range files {
		if f.Kind == kind {
			out = append(out, readTable(t, filepath.Join(dir, f.Path), f.Encoding))
		}
	}
	return out
}

func one(t testing.TB, dir string, files []File, kind string) table {
	t.Helper()
	ts := canonicalTables(t, dir, files, kind)
	if len(ts) == 0 {
		t.Fatalf("no %s file", kind)
	}
	return ts[0]
}

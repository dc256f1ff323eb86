package cli

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// goBudget is the documented Go memory budget of docs/operations.md
// ("Input limits"): what a salesops process may hold besides DuckDB's
// memory_limit while it refuses a hostile export.
const goBudget = 256 << 20

// childArgsEnv carries the command line of a child process: the test
// binary re-executed runs cli.Run on it and exits with its code.
const childArgsEnv = "SALESOPS_TEST_CHILD_ARGS"

// TestBoundedInputChild is the child's entry point; it does nothing in a
// normal run.
func TestBoundedInputChild(t *testing.T) {
	raw := os.Getenv(childArgsEnv)
	if raw == "" {
		return
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		t.Fatal(err)
	}
	os.Exit(Run(context.Background(), args, strings.NewReader(""), os.Stdout, os.Stderr))
}

// TestBoundedInputs runs validate and ingest, each as a child process, on
// a zip bomb, a workbook with a gigabyte in one cell and a CSV of twenty
// thousand columns: each must exit 3 naming the file and the limit, with
// a peak RSS under memory_limit plus the Go budget. (Before the limits:
// 4.1 GB, 17.5 GB and 1.25 GB, and the bomb passed validate.)
func TestBoundedInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("deflates 2.5 GB (about 10 s); skipped under -short")
	}
	dir := t.TempDir()
	const memoryLimit = 256 << 20
	cases := []struct {
		name, file, kind string
		limit            string // the setting named; "" for a fixed limit
		write            func(string) error
	}{
		{"inflate bomb", "bomb.xlsx", "reps", "max_inflate_ratio", func(p string) error { return writeBombXLSX(p, 1500<<20, false) }},
		{"one-gigabyte cell", "cell.xlsx", "reps", "max_inflate_ratio", func(p string) error { return writeBombXLSX(p, 1<<30, true) }},
		{"twenty thousand columns", "wide.csv", "reps", "max_columns", func(p string) error { return writeWideCSV(p, 20000) }},
		{"one-line JSON Lines", "oneline.jsonl", "tickets", "max_line_bytes", func(p string) error { return writeOneLineJSONL(p, 300<<20) }},
		{"a million zip entries", "entries.xlsx", "reps", "", func(p string) error { return writeManyEntriesZip(p, 1000000) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			drop := filepath.Join(dir, tc.name)
			if err := os.MkdirAll(drop, 0o755); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(drop, tc.file)
			t0 := time.Now()
			if err := tc.write(file); err != nil {
				t.Fatal(err)
			}
			st, _ := os.Stat(file)
			t.Logf("wrote %s (%d bytes) in %s", tc.file, st.Size(), time.Since(t0).Round(time.Millisecond))
			cfg := filepath.Join(drop, "salesops.yaml")
			yaml := fmt.Sprintf("version: 1\nwarehouse: wh.duckdb\nmemory_limit: %dMB\nsources:\n  - {name: roster, kind: %s, path: %q}\n",
				memoryLimit>>20, tc.kind, file)
			if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"--config", cfg, "validate", file, "--kind", tc.kind},
				{"--config", cfg, "ingest"},
			} {
				code, out, rss, took := runChild(t, args)
				t.Logf("%s: exit %d, peak RSS %d MiB, %s", args[2], code, rss>>20, took.Round(time.Millisecond))
				limit := "limits." + tc.limit
				if tc.limit == "" {
					limit = "fixed limit"
				}
				if code != 3 || !strings.Contains(out, tc.file) || !strings.Contains(out, limit) {
					t.Errorf("%s: exit %d, want 3 and a message naming %s and the %s; output:\n%s", args[2], code, tc.file, limit, clip(out))
				}
				if len(out) > 4096 {
					t.Errorf("%s: %d bytes of output; the refusal should be short", args[2], len(out))
				}
				if rss > memoryLimit+goBudget {
					t.Errorf("%s: peak RSS %d MiB, above memory_limit %d MiB + the Go budget %d MiB", args[2], rss>>20, memoryLimit>>20, goBudget>>20)
				}
			}
		})
	}
}

// runChild runs the test binary as salesops with args and returns its exit
// code, its output, its peak resident set and how long it took.
func runChild(t *testing.T, args []string) (int, string, int64, time.Duration) {
	t.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestBoundedInputChild$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(raw))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	err := cmd.Run()
	took := time.Since(t0)
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return cmd.ProcessState.ExitCode(), out.String(), ru.Maxrss << 10, took
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// writeBombXLSX writes a workbook of one sheet whose XML unzips to about
// size bytes: a header row and either a row every megabyte, padded with
// whitespace, or one cell holding size bytes. It is written streaming;
// nothing is held whole.
func writeBombXLSX(path string, size int64, oneCell bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	// Deflate's fastest level still packs a run of one byte about 780 to 1.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for name, body := range map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	} {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(w, body); err != nil {
			return err
		}
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	bw.WriteString(`<row><c t="inlineStr"><is><t>rep_id</t></is></c><c t="inlineStr"><is><t>name</t></is></c></row>`)
	if oneCell {
		bw.WriteString(`<row><c t="inlineStr"><is><t>R1</t></is></c><c t="inlineStr"><is><t>`)
		chunk := bytes.Repeat([]byte("A"), 1<<20)
		for n := int64(0); n < size; n += int64(len(chunk)) {
			bw.Write(chunk)
		}
		bw.WriteString(`</t></is></c></row>`)
	} else {
		// A row, then whitespace to the next: valid XML, and a bomb.
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		copy(chunk, `<row><c t="inlineStr"><is><t>R1</t></is></c><c t="inlineStr"><is><t>Ann</t></is></c></row>`)
		for n := int64(0); n < size; n += int64(len(chunk)) {
			bw.Write(chunk)
		}
	}
	bw.WriteString(`</sheetData></worksheet>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// writeWideCSV writes a header of cols columns and one row.
func writeWideCSV(path string, cols int) error {
	var b bytes.Buffer
	for line := range 2 {
		for i := range cols {
			if i > 0 {
				b.WriteByte(',')
			}
			if line == 0 {
				fmt.Fprintf(&b, "col%d", i)
			} else {
				fmt.Fprintf(&b, "v%d", i)
			}
		}
		b.WriteByte('\n')
	}
	return os.WriteFile(path, b.Bytes(), 0o600)
}

// writeOneLineJSONL writes one JSON record of about size bytes, with no
// line break, streaming.
func writeOneLineJSONL(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	bw.WriteString(`{"ticket_id":"T1","note":"`)
	chunk := bytes.Repeat([]byte("n"), 1<<20)
	for n := int64(0); n < size; n += int64(len(chunk)) {
		bw.Write(chunk)
	}
	bw.WriteString(`"}`)
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// writeManyEntriesZip writes a ZIP64 zip of n empty stored entries,
// streaming: by hand, as archive/zip's writer would hold every header in
// this process, whose peak RSS the child's rusage would then report (the
// child shares this memory until it execs).
func writeManyEntriesZip(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	var b []byte
	le := func(vs ...any) {
		b = b[:0]
		for _, v := range vs {
			switch v := v.(type) {
			case uint16:
				b = binary.LittleEndian.AppendUint16(b, v)
			case uint32:
				b = binary.LittleEndian.AppendUint32(b, v)
			case uint64:
				b = binary.LittleEndian.AppendUint64(b, v)
			}
		}
		bw.Write(b)
	}
	name := func(i int) string { return fmt.Sprintf("x/%d", i) }
	var off uint64
	for i := range n {
		le(uint32(0x04034b50), uint16(20), uint16(0), uint16(0), uint32(0), uint32(0), uint32(0), uint32(0), uint16(len(name(i))), uint16(0))
		bw.WriteString(name(i))
		off += 30 + uint64(len(name(i)))
	}
	dirOff, local := off, uint64(0)
	for i := range n {
		le(uint32(0x02014b50), uint16(20), uint16(20), uint16(0), uint16(0), uint32(0), uint32(0), uint32(0), uint32(0),
			uint16(len(name(i))), uint16(0), uint16(0), uint16(0), uint16(0), uint32(0), uint32(local))
		bw.WriteString(name(i))
		local += 30 + uint64(len(name(i)))
		off += 46 + uint64(len(name(i)))
	}
	dirSize := off - dirOff
	le(uint32(0x06064b50), uint64(44), uint16(45), uint16(45), uint32(0), uint32(0), uint64(n), uint64(n), dirSize, dirOff)
	le(uint32(0x07064b50), uint32(0), off, uint32(1))
	le(uint32(0x06054b50), uint16(0), uint16(0), uint16(0xffff), uint16(0xffff), uint32(dirSize), uint32(dirOff), uint16(0))
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

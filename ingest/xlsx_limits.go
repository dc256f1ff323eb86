package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/config"
)

// A workbook is a zip of XML parts, and excelize trusts the sizes the zip
// claims: a part that claims little is read whole into memory, one that
// unzips to a thousand times its size is inflated to the end. checkZip
// therefore inflates every part once before excelize opens the file,
// counting what each really gives, and refuses the workbook at the first
// part that passes a limit, without reading further.

// inflateGrace is the output a part may give before its ratio is judged:
// tiny parts (an empty sheet, a theme) legitimately compress very well.
// (Apache POI's ZipSecureFile grants the same 100 KiB.)
const inflateGrace = 100 << 10

// xmlSizeLimit is excelize's UnzipXMLSizeLimit: a sheet or the shared
// strings unzipped past it is read from a temporary file, not memory.
const xmlSizeLimit = 16 << 20

// maxHeldParts bounds the parts excelize keeps in memory while the
// workbook is open: every part but the sheets and shared strings past
// xmlSizeLimit. A fixed part of the Go memory budget (docs/operations.md);
// a variable, so tests can lower it.
var maxHeldParts int64 = 128 << 20

// excelizeOptions bound excelize by the same limits, in case a part is
// ever read that checkZip did not see.
func excelizeOptions(lim config.Limits) excelize.Options {
	return excelize.Options{UnzipSizeLimit: int64(lim.MaxUnzippedBytes), UnzipXMLSizeLimit: min(xmlSizeLimit, int64(lim.MaxUnzippedBytes))}
}

// checkZip refuses a workbook whose parts, inflated, pass the limits: the
// ratio of a part's output to the compressed bytes read so far, the total
// output, the longest text or tag of an XML part (a cell value is a text
// node), and what excelize would hold in memory.
func checkZip(sf *sourceFile, lim config.Limits) error {
	path := sf.path
	f, err := sf.open()
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return &FileError{File: path, Reason: fmt.Sprintf("cannot examine: %v", err)}
	}
	if err := checkZipDirectory(f, st.Size(), path); err != nil {
		return err
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return &FileError{File: path, Reason: fmt.Sprintf("not a readable XLSX workbook (truncated or another format?): %v", err)}
	}
	z := zipCheck{path: path, lim: lim, buf: make([]byte, 256<<10)}
	for _, f := range zr.File {
		if err := z.part(f); err != nil {
			return err
		}
	}
	return nil
}

type zipCheck struct {
	path  string
	lim   config.Limits
	buf   []byte
	total int64 // unzipped so far, all parts
	held  int64 // what excelize would keep in memory
}

func (z *zipCheck) part(f *zip.File) error {
	if f.FileInfo().IsDir() {
		return nil
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return &FileError{File: z.path, Reason: fmt.Sprintf("part %s cannot be read: %v", f.Name, err)}
	}
	in := &countingReader{r: raw}
	var compressed int64
	in.add = func(n int) { compressed += int64(n) }
	var rd io.Reader
	switch f.Method {
	case zip.Store:
		rd = in
	case zip.Deflate:
		fr := flate.NewReader(in)
		defer fr.Close()
		rd = fr
	default:
		return &FileError{File: z.path, Reason: fmt.Sprintf("part %s is compressed with method %d, which XLSX readers do not know", f.Name, f.Method)}
	}
	xml := strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels")
	runs := xmlRuns{max: int64(z.lim.MaxCellBytes)}
	var out int64
	for {
		n, err := rd.Read(z.buf)
		out += int64(n)
		z.total += int64(n)
		if out > inflateGrace && out > int64(z.lim.MaxInflateRatio)*max(compressed, 1) {
			return z.fail(f.Name, fmt.Sprintf("a part that inflates to more than %d times its compressed size (a zip bomb?)", z.lim.MaxInflateRatio),
				fmt.Sprint(z.lim.MaxInflateRatio), "max_inflate_ratio")
		}
		if z.total > int64(z.lim.MaxUnzippedBytes) {
			return z.fail(f.Name, fmt.Sprintf("parts that unzip to more than %d bytes", int64(z.lim.MaxUnzippedBytes)),
				z.lim.MaxUnzippedBytes.String(), "max_unzipped_bytes")
		}
		if xml && runs.feed(z.buf[:n]) {
			what := "a value"
			if runs.inTag {
				what = "an XML tag"
			}
			return z.fail(f.Name, fmt.Sprintf("%s longer than %d bytes", what, int64(z.lim.MaxCellBytes)),
				z.lim.MaxCellBytes.String(), "max_cell_bytes")
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return &FileError{File: z.path, Reason: fmt.Sprintf("part %s cannot be unzipped: %v", f.Name, err)}
		}
	}
	name := strings.ToLower(f.Name)
	streamed := (strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml") && out > xmlSizeLimit
	if !streamed {
		if z.held += out; z.held > maxHeldParts {
			return &LimitError{File: z.path, Part: f.Name, What: fmt.Sprintf("parts other than large sheets that total more than %d bytes, which the XLSX reader holds in memory", maxHeldParts),
				Limit: config.ByteSize(maxHeldParts).String()}
		}
	}
	return nil
}

func (z *zipCheck) fail(part, what, limit, setting string) error {
	return &LimitError{File: z.path, Part: part, What: what, Limit: limit, Setting: setting}
}

// xmlRuns finds the longest stretch of an XML stream between a '<' and a
// '>' (a tag) or a '>' and a '<' (text, which holds the cell values).
type xmlRuns struct {
	max   int64
	run   int64
	inTag bool
}

// feed reports whether a stretch passed max.
func (x *xmlRuns) feed(p []byte) bool {
	for len(p) > 0 {
		c := byte('<')
		if x.inTag {
			c = '>'
		}
		i := bytes.IndexByte(p, c)
		if i < 0 {
			x.run += int64(len(p))
			return x.run > x.max
		}
		if x.run += int64(i); x.run > x.max {
			return true
		}
		x.run, x.inTag, p = 0, !x.inTag, p[i+1:]
	}
	return false
}

// checkRow refuses a sheet row wider or with a longer cell than the limits
// (checkZip has bounded both already; this names the row).
func (s *xlsxSource) checkRow(cells []string, row int64) error {
	if len(cells) > s.lim.MaxColumns {
		return &LimitError{File: s.f.Path, Part: "sheet " + s.sheet, Line: row, What: fmt.Sprintf("a row of %d columns", len(cells)),
			Limit: fmt.Sprint(s.lim.MaxColumns), Setting: "max_columns"}
	}
	for i, c := range cells {
		if int64(len(c)) > int64(s.lim.MaxCellBytes) {
			le := &LimitError{File: s.f.Path, Part: "sheet " + s.sheet, Line: row, Field: i + 1, What: fmt.Sprintf("a cell of %d bytes", len(c)),
				Limit: s.lim.MaxCellBytes.String(), Setting: "max_cell_bytes"}
			le.nameColumn(s.header)
			return le
		}
	}
	return nil
}

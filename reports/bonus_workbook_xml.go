package reports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// formulaCell matches a formula cell as excelize writes it when no value is
// set: t="str" and no <v>. excelize can only keep a formula's value as a
// string (t="str"), which a reader that does not recalculate would show as
// text; so the values are written here instead, numbers as numbers, each
// straight from its exact decimal text.
var formulaCell = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="str"><f>([^<]*)</f></c>`)

// setCachedValues adds the cached value of every formula cell to the
// package's worksheets, and the rows of each long sheet (workbook_rows.go)
// to the start of its <sheetData> (spliceRows). It fails if any formula cell has no value or
// any value no cell, or a long sheet's own rows are not all below the
// rendered ones, so a change in excelize's output cannot go unnoticed.
func setCachedValues(pkg []byte, cached map[string]map[string]cachedValue, rows map[string][]byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return nil, fmt.Errorf("reading the rendered workbook: %w", err)
	}
	paths, err := sheetPaths(zr)
	if err != nil {
		return nil, err
	}
	byPath := map[string]map[string]cachedValue{}
	for sheet, cells := range cached {
		p, ok := paths[sheet]
		if !ok {
			return nil, fmt.Errorf("sheet %q is not in the workbook", sheet)
		}
		byPath[p] = cells
	}
	rowsByPath := map[string][]byte{}
	for sheet, data := range rows {
		p, ok := paths[sheet]
		if !ok {
			return nil, fmt.Errorf("sheet %q is not in the workbook", sheet)
		}
		rowsByPath[p] = data
	}
	// The sheets changed here are deflated at once, each on its own
	// goroutine and at the fastest level: the long sheets are tens of
	// megabytes of XML, and at the default level deflating them one after
	// the other was a quarter of writing the workbook at 10M deals.
	type entry struct {
		f     *zip.File
		parts [][]byte // the new content, nil to copy f as it is
		comp  bytes.Buffer
		err   error
	}
	entries := make([]*entry, len(zr.File))
	var wg sync.WaitGroup
	for i, f := range zr.File {
		e := &entry{f: f}
		entries[i] = e
		cells, ok := byPath[f.Name]
		sheetRows, long := rowsByPath[f.Name]
		if !ok && !long {
			continue
		}
		data, err := readZipFile(f)
		if err != nil {
			return nil, err
		}
		if ok {
			if data, err = patchSheet(data, cells); err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
		}
		e.parts = [][]byte{data}
		if long {
			if e.parts, err = spliceRows(data, sheetRows); err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.err = deflate(&e.comp, e.parts)
		}()
	}
	wg.Wait()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range entries {
		if e.parts == nil {
			if err := zw.Copy(e.f); err != nil {
				return nil, err
			}
			continue
		}
		if e.err != nil {
			return nil, fmt.Errorf("compressing %s: %w", e.f.Name, e.err)
		}
		h := e.f.FileHeader
		h.Method = zip.Deflate
		h.CRC32, h.UncompressedSize64, h.CompressedSize64 = 0, 0, uint64(e.comp.Len())
		for _, p := range e.parts {
			h.CRC32 = crc32.Update(h.CRC32, crc32.IEEETable, p)
			h.UncompressedSize64 += uint64(len(p))
		}
		w, err := zw.CreateRaw(&h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(e.comp.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func patchSheet(data []byte, cells map[string]cachedValue) ([]byte, error) {
	seen := 0
	var missing []string
	patched := formulaCell.ReplaceAllFunc(data, func(m []byte) []byte {
		sub := formulaCell.FindSubmatch(m)
		ref := string(sub[1])
		v, ok := cells[ref]
		if !ok {
			missing = append(missing, ref)
			return m
		}
		seen++
		var b bytes.Buffer
		fmt.Fprintf(&b, `<c r="%s"%s`, ref, sub[2])
		if v.kind == 's' {
			b.WriteString(` t="str"`)
		}
		fmt.Fprintf(&b, `><f>%s</f>`, sub[3])
		if v.v != "" {
			b.WriteString("<v>")
			if err := xml.EscapeText(&b, []byte(v.v)); err != nil {
				return m
			}
			b.WriteString("</v>")
		}
		b.WriteString("</c>")
		return b.Bytes()
	})
	if len(missing) > 0 || seen != len(cells) {
		return nil, fmt.Errorf("cached values: %d of %d formula cells found, no value for %v", seen, len(cells), missing)
	}
	return patched, nil
}

var sheetDataStart = []byte("<sheetData>")

// spliceRows puts rows at the start of the sheet's <sheetData>: the sheet
// in three parts, the rows between, not copied (they are most of the
// workbook's XML at scale). Rows the sheet has of its own (a note below
// a table, written through excelize) must all come after the spliced
// ones, for a reader takes rows in order.
func spliceRows(data, rows []byte) ([][]byte, error) {
	i := bytes.Index(data, sheetDataStart)
	if i < 0 || bytes.Count(data, []byte("<sheetData")) != 1 {
		return nil, fmt.Errorf("a long sheet has no <sheetData> to splice its rows into")
	}
	i += len(sheetDataStart)
	if own, ok := rowNumber(data[i:]); ok {
		last := bytes.LastIndex(rows, []byte("<row "))
		if spliced, ok := rowNumber(rows[max(last, 0):]); ok && own <= spliced {
			return nil, fmt.Errorf("a long sheet's own row %d is not below its rendered rows, which end at row %d", own, spliced)
		}
	} else if !bytes.HasPrefix(data[i:], []byte("</sheetData>")) {
		return nil, fmt.Errorf("a long sheet's data is neither empty nor rows")
	}
	return [][]byte{data[:i], rows, data[i:]}, nil
}

// rowNumber reads the number of the <row r="N" at the start of b.
func rowNumber(b []byte) (int, bool) {
	const open = `<row r="`
	if !bytes.HasPrefix(b, []byte(open)) {
		return 0, false
	}
	b = b[len(open):]
	end := bytes.IndexByte(b, '"')
	if end < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[:end]))
	return n, err == nil
}

// sheetPaths maps each sheet name to its part name, from workbook.xml and
// its relationships.
func sheetPaths(zr *zip.Reader) (map[string]string, error) {
	var wbx struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	for name, dst := range map[string]any{"xl/workbook.xml": &wbx, "xl/_rels/workbook.xml.rels": &rels} {
		f, err := zr.Open(name)
		if err != nil {
			return nil, fmt.Errorf("reading the rendered workbook: %w", err)
		}
		err = xml.NewDecoder(f).Decode(dst)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wbx.Sheets {
		out[s.Name] = target[s.RID]
	}
	return out, nil
}

// deflate compresses parts, one after the other, into w.
func deflate(w io.Writer, parts [][]byte) error {
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := fw.Write(p); err != nil {
			return err
		}
	}
	return fw.Close()
}

func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

package demo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// write renders the plan and puts it in place with a rename, so a job
// watching the drop folder never picks up a half-written export.
func (p *plan) write(dir string) error {
	var data []byte
	var err error
	if p.file.Format == "xlsx" {
		data, err = p.xlsx()
	} else {
		data, err = p.csv()
	}
	if err != nil {
		return err
	}
	path := filepath.Join(dir, filepath.FromSlash(p.file.Path))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating folder: %w", err)
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp") // hidden from drop-folder globs
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("writing: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("moving into place: %w", err)
	}
	return nil
}

func (p *plan) csv() ([]byte, error) {
	var buf bytes.Buffer
	if p.file.Encoding == "utf-8-bom" {
		buf.WriteString("\uFEFF")
	}
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = p.crlf
	if err := cw.Write(p.header); err != nil {
		return nil, fmt.Errorf("rendering header: %w", err)
	}
	rec := make([]string, len(p.header))
	for _, row := range p.rows {
		for i, v := range row {
			rec[i] = v.(string)
		}
		if err := cw.Write(rec); err != nil {
			return nil, fmt.Errorf("rendering row: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, fmt.Errorf("rendering CSV: %w", err)
	}
	if p.file.Encoding != "gb18030" {
		return buf.Bytes(), nil
	}
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("encoding GB18030: %w", err)
	}
	return out, nil
}

func (p *plan) xlsx() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", p.file.Sheet); err != nil {
		return nil, fmt.Errorf("naming sheet: %w", err)
	}
	dateFmt := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, fmt.Errorf("creating date style: %w", err)
	}
	sw, err := f.NewStreamWriter(p.file.Sheet)
	if err != nil {
		return nil, fmt.Errorf("opening sheet: %w", err)
	}
	row := 1
	if p.title != "" {
		if err := sw.SetRow("A1", []any{p.title}); err != nil {
			return nil, fmt.Errorf("writing title: %w", err)
		}
		last, _ := excelize.CoordinatesToCellName(len(p.header), 1)
		if err := sw.MergeCell("A1", last); err != nil {
			return nil, fmt.Errorf("merging title: %w", err)
		}
		row++
	}
	if err := sw.SetRow(cell(row), strs(p.header...)); err != nil {
		return nil, fmt.Errorf("writing header: %w", err)
	}
	vals := make([]any, len(p.header))
	for _, r := range p.rows {
		row++
		for i, v := range r {
			if t, ok := v.(time.Time); ok {
				vals[i] = excelize.Cell{StyleID: dateStyle, Value: t}
			} else {
				vals[i] = v
			}
		}
		if err := sw.SetRow(cell(row), vals); err != nil {
			return nil, fmt.Errorf("writing row %d: %w", row, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, fmt.Errorf("flushing sheet: %w", err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("rendering workbook: %w", err)
	}
	return buf.Bytes(), nil
}

func cell(row int) string { return fmt.Sprintf("A%d", row) }

package reports

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/xuri/excelize/v2"
)

// writeWorkbook writes f to path atomically (WriteFile), the same bytes for
// the same content, with the rendered rows of its long sheets, by sheet
// (workbook_rows.go; nil for none), spliced in. excelize appends the image
// content types of a workbook with a drawing (a chart) by ranging over a
// map, so their order in [Content_Types].xml, and with it the file,
// changed from one run to the next; sorting them by extension fixes it
// and means nothing to Excel.
func writeWorkbook(ctx context.Context, path string, f *excelize.File, long map[string][]byte) error {
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	if len(long) == 0 {
		return WriteFile(ctx, path, func(w io.Writer) error { return f.Write(w) })
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("rendering the workbook: %w", err)
	}
	data, err := setCachedValues(buf.Bytes(), nil, long)
	if err != nil {
		return err
	}
	return WriteFile(ctx, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

package reports

import (
	"context"
	"io"
	"sort"

	"github.com/xuri/excelize/v2"
)

// writeWorkbook writes f to path atomically (WriteFile), the same bytes for
// the same content. excelize appends the image content types of a workbook
// with a drawing (a chart) by ranging over a map, so their order in
// [Content_Types].xml, and with it the file, changed from one run to the
// next; sorting them by extension fixes it and means nothing to Excel.
func writeWorkbook(ctx context.Context, path string, f *excelize.File) error {
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	return WriteFile(ctx, path, func(w io.Writer) error { return f.Write(w) })
}

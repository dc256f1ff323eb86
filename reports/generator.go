package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/buildinfo"
)

// The build that wrote a file goes into the file's own metadata: the
// workbooks' document properties, the JSON's generator field and the HTML
// pages' footer (CSV has nowhere to put it). A figure questioned months
// later can then be traced to the code that computed it. Writers take the
// identity in their options; the zero Info leaves it out.

// stampWorkbook sets f's author and application to salesops and its
// description to the build's label, keeping the properties a report set
// itself (title, language): excelize's setters replace every field.
func stampWorkbook(f *excelize.File, build buildinfo.Info) error {
	doc, err := f.GetDocProps()
	if err != nil {
		return fmt.Errorf("reading the workbook properties: %w", err)
	}
	doc.Creator, doc.LastModifiedBy = "salesops", "salesops"
	if !build.IsZero() {
		doc.Description = build.Label()
	}
	if err := f.SetDocProps(doc); err != nil {
		return fmt.Errorf("setting the workbook properties: %w", err)
	}
	app, err := f.GetAppProps()
	if err != nil {
		return fmt.Errorf("reading the workbook's application properties: %w", err)
	}
	app.Application = "salesops"
	if err := f.SetAppProps(app); err != nil {
		return fmt.Errorf("setting the workbook's application properties: %w", err)
	}
	return nil
}

// generatorLabel is the JSON generator field: the label, or nothing.
func generatorLabel(build buildinfo.Info) string {
	if build.IsZero() {
		return ""
	}
	return build.Label()
}

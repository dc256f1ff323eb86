package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// A detail sheet holds at most detailSheetRows rows. At ten million deals a
// month has some 400,000 deal events: a sheet of them costs gigabytes of
// memory to build (the workbook is rendered whole) and is more than a
// reader scrolls. A capped sheet says so in a note below its rows, and
// every row goes to a CSV beside the workbook (DetailCSVPath), written
// from the same detail, live or frozen, so the two never disagree.
const detailSheetRows = 20000

// statementDealLines caps the deals listed under each rep on the
// statements sheet, for the same reason; the CSV has them all.
const statementDealLines = 200

// detailKinds are the capped sheets, in the workbook's order, with the
// name of their CSV.
var detailKinds = []string{"deals", "newcustomers", "responses", "quality"}

// DetailCSVPath is where the full detail of sheet kind goes beside the
// workbook at xlsx: bonus-2026-10.xlsx → bonus-2026-10-deals.csv.
func DetailCSVPath(xlsx, kind string) string {
	return strings.TrimSuffix(xlsx, ".xlsx") + "-" + kind + ".csv"
}

// rowCount is the number of rows of one detail sheet.
func (d workbookDetail) rowCount(kind string) int {
	switch kind {
	case "deals":
		return len(d.deals)
	case "newcustomers":
		return len(d.newCustomers)
	case "responses":
		return len(d.responses)
	}
	return len(d.quality)
}

// capped is d with every sheet cut to detailSheetRows rows.
func (d workbookDetail) capped() workbookDetail {
	c := d
	c.deals = d.deals[:min(len(d.deals), detailSheetRows)]
	c.newCustomers = d.newCustomers[:min(len(d.newCustomers), detailSheetRows)]
	c.responses = d.responses[:min(len(d.responses), detailSheetRows)]
	c.quality = d.quality[:min(len(d.quality), detailSheetRows)]
	return c
}

// capNote writes, below the n rows shown of a sheet, how many there are
// and where the rest is.
func (wb *book) capNote(kind string, total int) {
	if total <= detailSheetRows {
		return
	}
	wb.str(wb.sheet(kind), 1, detailSheetRows+3, fmt.Sprintf(wb.t("detail.capped"), detailSheetRows, total, kind), wb.st.bold)
}

// writeDetailCSVs writes the full detail of every sheet the workbook at
// xlsx caps, and removes such a CSV left by an earlier run whose sheet is
// no longer capped (it would be stale). It returns the files written.
func writeDetailCSVs(ctx context.Context, xlsx string, d workbookDetail) ([]string, error) {
	var out []string
	for _, kind := range detailKinds {
		path := DetailCSVPath(xlsx, kind)
		if d.rowCount(kind) <= detailSheetRows {
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return out, fmt.Errorf("removing the stale %s: %w", path, err)
			}
			continue
		}
		if err := WriteFile(ctx, path, func(w io.Writer) error { return d.writeCSV(w, kind) }); err != nil {
			return out, err
		}
		out = append(out, path)
	}
	return out, nil
}

func (d workbookDetail) writeCSV(w io.Writer, kind string) error {
	var header []string
	var rows func(yield func([]string) bool)
	switch kind {
	case "deals":
		header = []string{"rep_id", "rep_name", "deal_id", "customer_id", "company", "event", "date", "amount", "source_rep_id", "cancel_date_missing"}
		rows = func(yield func([]string) bool) {
			for _, l := range d.deals {
				if !yield([]string{SafeText(l.RepID), SafeText(l.RepName), SafeText(l.DealID), SafeText(l.CustomerID), SafeText(l.Company),
					l.Event, l.Date, l.Amount, SafeText(l.SourceRep), strconv.FormatBool(l.CancelDateMissing)}) {
					return
				}
			}
		}
	case "newcustomers":
		header = []string{"rep_id", "rep_name", "customer_id", "company", "first_win_deal_id", "date"}
		rows = func(yield func([]string) bool) {
			for _, l := range d.newCustomers {
				if !yield([]string{SafeText(l.RepID), SafeText(l.RepName), SafeText(l.CustomerID), SafeText(l.Company), SafeText(l.DealID), l.Date}) {
					return
				}
			}
		}
	case "responses":
		header = []string{"rep_id", "rep_name", "survey_id", "date", "customer_id", "company", "score", "satisfied", "comment"}
		rows = func(yield func([]string) bool) {
			for _, l := range d.responses {
				if !yield([]string{SafeText(l.RepID), SafeText(l.RepName), SafeText(l.SurveyID), l.Date, SafeText(l.CustomerID), SafeText(l.Company),
					strconv.FormatInt(l.Score, 10), strconv.FormatBool(l.Satisfied), SafeText(l.Comment)}) {
					return
				}
			}
		}
	default:
		header = []string{"warning", "source", "file", "sheet", "line", "column", "value", "reason", "row_date"}
		rows = func(yield func([]string) bool) {
			for _, l := range d.quality {
				if !yield([]string{strconv.FormatBool(l.Warning), SafeText(l.Source), SafeText(l.File), SafeText(l.Sheet), l.Line,
					SafeText(l.Column), SafeText(l.Value), SafeText(l.Reason), l.Day}) {
					return
				}
			}
		}
	}
	c, err := NewCSV(w, header)
	if err != nil {
		return err
	}
	for r := range rows {
		if err := c.Row(r); err != nil {
			return err
		}
	}
	return c.Close()
}

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
var detailKinds = []string{dealLines.sheet, newCustomerLines.sheet, responseLines.sheet, qualityLines.sheet}

// DetailCSVPath is where the full detail of sheet kind goes beside the
// workbook at xlsx: bonus-2026-10.xlsx → bonus-2026-10-deals.csv.
func DetailCSVPath(xlsx, kind string) string {
	return strings.TrimSuffix(xlsx, ".xlsx") + "-" + kind + ".csv"
}

// capNote writes, below the n rows shown of a sheet, how many there are
// and where the rest is.
func (wb *book) capNote(kind string, total int) {
	if total <= detailSheetRows {
		return
	}
	wb.str(wb.sheet(kind), 1, detailSheetRows+3, fmt.Sprintf(wb.t("detail.capped"), detailSheetRows, total, kind), wb.st.bold)
}

// shownDetail is what the workbook shows of a month's detail: each
// sheet's first detailSheetRows lines with how many there are, and each
// rep's first statementDealLines deals and responses for the statements
// sheet. Its size is bound by the caps and the roster, not by the month.
type shownDetail struct {
	sheets       workbookDetail // each sheet's first lines
	n            map[string]int // lines of each sheet (detailKinds)
	repDeals     byRep[dealLine]
	repResponses byRep[responseLine]
}

// errUncapped ends the write of a CSV whose sheet shows every line.
var errUncapped = errors.New("the sheet holds every line")

// showDetail passes over d once, sheet by sheet: it keeps what the
// workbook shows and, when xlsx is not "", writes every line of a sheet
// longer than the cap to its CSV beside xlsx (DetailCSVPath) as the lines
// arrive, and removes such a CSV left by an earlier run whose sheet is no
// longer capped (it would be stale). It returns the CSVs written.
func showDetail(ctx context.Context, d workbookDetail, xlsx string) (shownDetail, []string, error) {
	s := shownDetail{n: map[string]int{}, repDeals: byRep[dealLine]{}, repResponses: byRep[responseLine]{}}
	var out []string
	for _, kind := range detailKinds {
		var header []string
		var pass func(row func([]string) error) (int, error)
		switch kind {
		case dealLines.sheet:
			header = []string{"rep_id", "rep_name", "deal_id", "customer_id", "company", "event", "date", "amount", "source_rep_id", "cancel_date_missing"}
			pass = func(row func([]string) error) (int, error) {
				return showLines(ctx, d, d.deals, dealLines, &s.sheets.deals, s.repDeals.add, row, func(l dealLine) []string {
					return []string{SafeText(l.RepID), SafeText(l.RepName), SafeText(l.DealID), SafeText(l.CustomerID), SafeText(l.Company),
						l.Event, l.Date, l.Amount, SafeText(l.SourceRep), strconv.FormatBool(l.CancelDateMissing)}
				})
			}
		case newCustomerLines.sheet:
			header = []string{"rep_id", "rep_name", "customer_id", "company", "first_win_deal_id", "date"}
			pass = func(row func([]string) error) (int, error) {
				return showLines(ctx, d, d.newCustomers, newCustomerLines, &s.sheets.newCustomers, nil, row, func(l newCustomerLine) []string {
					return []string{SafeText(l.RepID), SafeText(l.RepName), SafeText(l.CustomerID), SafeText(l.Company), SafeText(l.DealID), l.Date}
				})
			}
		case responseLines.sheet:
			header = []string{"rep_id", "rep_name", "survey_id", "date", "customer_id", "company", "score", "satisfied", "comment"}
			pass = func(row func([]string) error) (int, error) {
				return showLines(ctx, d, d.responses, responseLines, &s.sheets.responses, s.repResponses.add, row, func(l responseLine) []string {
					return []string{SafeText(l.RepID), SafeText(l.RepName), SafeText(l.SurveyID), l.Date, SafeText(l.CustomerID), SafeText(l.Company),
						strconv.FormatInt(l.Score, 10), strconv.FormatBool(l.Satisfied), SafeText(l.Comment)}
				})
			}
		default:
			header = []string{"warning", "source", "file", "sheet", "line", "column", "value", "reason", "row_date"}
			pass = func(row func([]string) error) (int, error) {
				return showLines(ctx, d, d.quality, qualityLines, &s.sheets.quality, nil, row, func(l qualityLine) []string {
					return []string{strconv.FormatBool(l.Warning), SafeText(l.Source), SafeText(l.File), SafeText(l.Sheet), l.Line,
						SafeText(l.Column), SafeText(l.Value), SafeText(l.Reason), l.Day}
				})
			}
		}
		if xlsx == "" {
			n, err := pass(nil)
			if err != nil {
				return s, out, err
			}
			s.n[kind] = n
			continue
		}
		path := DetailCSVPath(xlsx, kind)
		err := WriteFile(ctx, path, func(w io.Writer) error {
			c, err := NewCSV(w, header)
			if err != nil {
				return err
			}
			if s.n[kind], err = pass(c.Row); err != nil {
				return err
			}
			if s.n[kind] <= detailSheetRows {
				return errUncapped
			}
			return c.Close()
		})
		switch {
		case errors.Is(err, errUncapped):
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return s, out, fmt.Errorf("removing the stale %s: %w", path, err)
			}
		case err != nil:
			return s, out, err
		default:
			out = append(out, path)
		}
	}
	return s, out, nil
}

// showLines passes over one sheet's lines: it keeps the first
// detailSheetRows in shown, gives every line to also (when not nil) and
// its CSV record to row (when not nil). It returns how many lines there
// are.
func showLines[T any](ctx context.Context, d workbookDetail, held []T, q lineQuery[T], shown *[]T, also func(T),
	row func([]string) error, record func(T) []string) (int, error) {
	n := 0
	err := eachLine(ctx, d, held, q, func(l T) error {
		if n++; n <= detailSheetRows {
			*shown = append(*shown, l)
		}
		if also != nil {
			also(l)
		}
		if row == nil {
			return nil
		}
		return row(record(l))
	})
	return n, err
}

package reports

import (
	"fmt"
	"strconv"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/money"
)

func (wb *book) dealsSheet(d workbookDetail) {
	s := wb.sheet("deals")
	wb.reserve(s, 11*(len(d.deals)+1)) // the heading, then up to 11 cells a line
	wb.header(s, 1, "col.rep_id", "col.name", "col.deal_id", "col.customer_id", "col.company", "col.event", "col.date",
		"col.amount", "col.net_effect", "col.source_rep", "col.note")
	for i, l := range d.deals {
		row := i + 2
		for c, v := range []string{l.RepID, repLabel(wb.lang, l.RepID, l.RepName), l.DealID, l.CustomerID, l.Company, wb.t("event." + l.Event), l.Date} {
			wb.str(s, c+1, row, v, 0)
		}
		if l.Amount != "" {
			wb.num(s, 8, row, l.Amount, wb.st.money)
			effect := l.Amount
			if l.Event == "cancelled" {
				effect = "-" + l.Amount
			}
			wb.num(s, 9, row, effect, wb.st.money)
		}
		if l.SourceRep != l.RepID {
			wb.str(s, 10, row, l.SourceRep, 0)
		}
		if l.CancelDateMissing {
			wb.str(s, 11, row, wb.t("note.cancel_date_missing"), 0)
		}
	}
	wb.filtered(s, 11, len(d.deals))
	wb.layout(s, 2, 10, 16, 12, 12, 28, 12, 12, 14, 14, 12, 40)
}

func (wb *book) newCustomersSheet(d workbookDetail) {
	s := wb.sheet("newcustomers")
	wb.reserve(s, 6*(len(d.newCustomers)+1))
	wb.header(s, 1, "col.rep_id", "col.name", "col.customer_id", "col.company", "col.first_win_deal", "col.date")
	for i, l := range d.newCustomers {
		for c, v := range []string{l.RepID, repLabel(wb.lang, l.RepID, l.RepName), l.CustomerID, l.Company, l.DealID, l.Date} {
			wb.str(s, c+1, i+2, v, 0)
		}
	}
	wb.filtered(s, 6, len(d.newCustomers))
	wb.layout(s, 2, 10, 16, 12, 28, 14, 12)
}

func (wb *book) responsesSheet(d workbookDetail) {
	s := wb.sheet("responses")
	wb.reserve(s, 9*(len(d.responses)+1))
	wb.header(s, 1, "col.rep_id", "col.name", "col.survey_id", "col.date", "col.customer_id", "col.company", "col.survey_score", "col.satisfied_flag", "col.comment")
	for i, l := range d.responses {
		row := i + 2
		for c, v := range []string{l.RepID, repLabel(wb.lang, l.RepID, l.RepName), l.SurveyID, l.Date, l.CustomerID, l.Company} {
			wb.str(s, c+1, row, v, 0)
		}
		wb.num(s, 7, row, strconv.FormatInt(l.Score, 10), wb.st.integer)
		wb.str(s, 8, row, wb.yesNo(l.Satisfied), 0)
		wb.str(s, 9, row, l.Comment, 0)
	}
	wb.filtered(s, 9, len(d.responses))
	wb.layout(s, 2, 10, 16, 12, 12, 12, 28, 8, 10, 40)
}

func (wb *book) adjustmentsSheet(b bonus.Month) {
	s := wb.sheet("adjustments")
	wb.header(s, 1, "col.closed_period", "col.rep_id", "col.frozen", "col.current", "col.difference", "col.settled")
	if len(b.Adjustments) == 0 {
		wb.str(s, 1, 2, wb.t("adj.none"), 0)
	}
	var total money.Cents
	for i, a := range b.Adjustments {
		row := i + 2
		wb.str(s, 1, row, a.ClosedPeriod, 0)
		wb.str(s, 2, row, a.RepID, 0)
		wb.money(s, 3, row, a.Frozen, wb.st.money)
		wb.money(s, 4, row, a.Current, wb.st.money)
		wb.money(s, 6, row, a.Settled, wb.st.money)
		wb.formula(s, 5, row, cellRef(4, row)+"-"+cellRef(3, row)+"-"+cellRef(6, row), numVal(a.Difference().String()), wb.st.money)
		total += a.Difference()
	}
	if n := len(b.Adjustments); n > 0 {
		wb.str(s, 1, n+2, wb.t("alloc.total"), wb.st.bold)
		wb.formula(s, 5, n+2, fmt.Sprintf("SUM(E2:E%d)", n+1), numVal(total.String()), wb.st.moneyBold)
	}
	wb.str(s, 1, len(b.Adjustments)+4, wb.t("adj.note"), 0)
	wb.layout(s, 2, 14, 12, 16, 16, 16, 16)
}

func (wb *book) qualitySheet(d workbookDetail) {
	s := wb.sheet("quality")
	wb.header(s, 1, "col.problem", "col.source", "col.file", "col.sheet", "col.line", "col.column", "col.value", "col.reason", "col.row_date")
	for i, l := range d.quality {
		row := i + 2
		kind, day := wb.t("dq.reject"), l.Day
		if l.Warning {
			kind = wb.t("dq.warning")
		}
		if day == "" {
			day = wb.t("dq.undated")
		}
		column := l.Column
		if l.Warning {
			column = wb.lang.Term("warn", column) // a warning's code
		}
		for c, v := range []string{kind, l.Source, l.File, l.Sheet, l.Line, column, l.Value, wb.lang.Reason(l.Reason), day} {
			if c == 4 && decimalText.MatchString(v) {
				wb.num(s, c+1, row, v, wb.st.integer)
			} else {
				wb.str(s, c+1, row, v, 0)
			}
		}
	}
	if len(d.quality) == 0 {
		wb.str(s, 1, 2, wb.t("dq.none"), 0)
	}
	wb.filtered(s, 9, len(d.quality))
	wb.layout(s, 2, 16, 12, 30, 12, 8, 16, 20, 50, 12)
}

// filtered puts an autofilter on the header row and the n data rows.
func (wb *book) filtered(s string, cols, n int) {
	if wb.err == nil {
		wb.err = wb.f.AutoFilter(s, "A1:"+cellRef(cols, n+1), nil)
	}
}

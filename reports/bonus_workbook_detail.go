package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
	"unique"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// workbookDetail is what the detail sheets and the statements show, read
// from the warehouse for the month.
type workbookDetail struct {
	deals        []dealLine
	newCustomers []newCustomerLine
	responses    []responseLine
	quality      []qualityLine // dated in the month first, then undated
}

type dealLine struct {
	RepID, RepName, SourceRep, DealID, CustomerID, Company, Event, Date string
	Amount                                                              string // exact decimal text, "" when missing
	CancelDateMissing                                                   bool
}

type newCustomerLine struct{ RepID, RepName, CustomerID, Company, DealID, Date string }

type responseLine struct {
	RepID, RepName, SurveyID, Date, CustomerID, Company, Comment string
	Score                                                        int64
	Satisfied                                                    bool
}

type qualityLine struct {
	Warning                                               bool
	Source, File, Sheet, Line, Column, Value, Reason, Day string // Day "" when the row has no date
}

const (
	dealsQuery = `SELECT e.rep_id, coalesce(r.name, e.rep_id), coalesce(e.source_rep_id, ''), e.deal_id, coalesce(e.customer_id, ''),
		coalesce(c.company_name, ''), e.event, e.event_date::VARCHAR, coalesce(e.amount::VARCHAR, ''), e.cancel_date_missing
	FROM deal_events e LEFT JOIN rep_dim r ON r.rep_id = e.rep_id LEFT JOIN customers c ON c.customer_id = e.customer_id
	WHERE e.event IN ('won', 'cancelled') AND e.event_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
	ORDER BY e.rep_id, e.event_date, e.deal_id, e.event DESC`
	newCustomersQuery = `SELECT f.rep_id, coalesce(r.name, f.rep_id), f.customer_id, coalesce(c.company_name, ''), f.deal_id, f.close_date::VARCHAR
	FROM customer_first_win f LEFT JOIN rep_dim r ON r.rep_id = f.rep_id LEFT JOIN customers c ON c.customer_id = f.customer_id
	WHERE f.close_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
	ORDER BY f.rep_id, f.close_date, f.customer_id`
	responsesQuery = `SELECT s.rep_id, coalesce(r.name, s.rep_id), s.survey_id, s.survey_date::VARCHAR, s.customer_id, coalesce(c.company_name, ''),
		coalesce(s.comment, ''), s.score, s.satisfied
	FROM survey_facts s LEFT JOIN rep_dim r ON r.rep_id = s.rep_id LEFT JOIN customers c ON c.customer_id = s.customer_id
	WHERE s.survey_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
	ORDER BY s.rep_id, s.survey_date, s.survey_id`
	// Rejected rows and warnings whose row falls in the month, then those
	// without a date (they may touch any month, so every month lists them).
	qualityQuery = `SELECT * FROM (
		SELECT false AS warning, coalesce(source, kind, '') AS src, coalesce(file, '') AS file, coalesce(sheet, '') AS sheet,
			coalesce(line::VARCHAR, '') AS line, coalesce(column_name, '') AS col, coalesce(value, '') AS val,
			coalesce(reason, '') AS reason, coalesce(row_date::VARCHAR, '') AS day
		FROM rejects WHERE row_date IS NULL OR row_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
		UNION ALL
		SELECT true, coalesce(source, kind, ''), coalesce(file, ''), coalesce(sheet, ''), coalesce(line::VARCHAR, ''),
			coalesce(code, ''), coalesce(row_key, ''), coalesce(message, ''), coalesce(row_date::VARCHAR, '')
		FROM ingest_warnings WHERE row_date IS NULL OR row_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE))
	ORDER BY day = '', day, file, TRY_CAST(nullif(line, '') AS BIGINT), warning, col`
)

func loadWorkbookDetail(ctx context.Context, db *sql.DB, p period.Period) (workbookDetail, error) {
	var d workbookDetail
	from, to := p.Start().Format(time.DateOnly), p.End().Format(time.DateOnly)
	err := queryRows(ctx, db, "the deals of the month", dealsQuery, []any{from, to}, func(rs *sql.Rows) error {
		var l dealLine
		err := rs.Scan(&l.RepID, &l.RepName, &l.SourceRep, &l.DealID, &l.CustomerID, &l.Company, &l.Event, &l.Date, &l.Amount, &l.CancelDateMissing)
		l.RepID, l.RepName, l.SourceRep, l.Event, l.Date = canon(l.RepID), canon(l.RepName), canon(l.SourceRep), canon(l.Event), canon(l.Date)
		d.deals = append(d.deals, l)
		return err
	})
	if err == nil {
		err = queryRows(ctx, db, "the new customers of the month", newCustomersQuery, []any{from, to}, func(rs *sql.Rows) error {
			var l newCustomerLine
			err := rs.Scan(&l.RepID, &l.RepName, &l.CustomerID, &l.Company, &l.DealID, &l.Date)
			d.newCustomers = append(d.newCustomers, l)
			return err
		})
	}
	if err == nil {
		err = queryRows(ctx, db, "the survey responses of the month", responsesQuery, []any{from, to}, func(rs *sql.Rows) error {
			var l responseLine
			err := rs.Scan(&l.RepID, &l.RepName, &l.SurveyID, &l.Date, &l.CustomerID, &l.Company, &l.Comment, &l.Score, &l.Satisfied)
			l.RepID, l.RepName, l.Date = canon(l.RepID), canon(l.RepName), canon(l.Date)
			d.responses = append(d.responses, l)
			return err
		})
	}
	if err == nil {
		err = queryRows(ctx, db, "the data-quality problems of the month", qualityQuery, []any{from, to, from, to}, func(rs *sql.Rows) error {
			var l qualityLine
			err := rs.Scan(&l.Warning, &l.Source, &l.File, &l.Sheet, &l.Line, &l.Column, &l.Value, &l.Reason, &l.Day)
			d.quality = append(d.quality, l)
			return err
		})
	}
	return d, err
}

// canon is the one shared copy of s. The month's detail and drill rows
// repeat a few values on every row (the rep, its name, the day, the
// event), and the driver allocates each value afresh: a month of 10M
// deals kept 2.3M such copies alive until its files were written, 18 MB
// of the 60 MB of strings live when the L workbook was written.
func canon(s string) string { return unique.Make(s).Value() }

func queryRows(ctx context.Context, db *sql.DB, what, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("reading %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("reading %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading %s: %w", what, err)
	}
	return nil
}

func (wb *book) dealsSheet(d workbookDetail) {
	s := wb.sheet("deals")
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

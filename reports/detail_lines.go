package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"unique"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/period"
)

// workbookDetail is a month's detail lines, in the sheets' order: what the
// finance workbook's detail sheets, the CSVs beside it and the statements
// list. They are read on each pass over them (from): from the models for
// an open month, from closed_detail_lines for a closed one. At 10M deals a
// month has some 400,000 deal events, and holding them in Go's memory
// while every file of the month was written was most of the report
// step's heap, when the workbook shows 20,000 rows a sheet and the CSVs
// can stream. The slices hold them instead when from is nil: a month
// closed before the lines had a table of their own (its record's JSON),
// and tests.
type workbookDetail struct {
	deals        []dealLine
	newCustomers []newCustomerLine
	responses    []responseLine
	quality      []qualityLine // dated in the month first, then undated
	from         *lineSource
}

// lineSource is where a month's lines are read from: the models, over the
// month's days, or the lines a close froze.
type lineSource struct {
	db       *sql.DB
	from, to string // the month's first and last day (live)
	period   string // the closed month (frozen)
}

// liveDetail is month p's detail, read from the models.
func liveDetail(db *sql.DB, p period.Period) workbookDetail {
	return workbookDetail{from: &lineSource{db: db, from: p.Start().Format(time.DateOnly), to: p.End().Format(time.DateOnly)}}
}

// closedDetail is the detail the close of period copied into
// closed_detail_lines (freezeLines).
func closedDetail(db *sql.DB, period string) workbookDetail {
	return workbookDetail{from: &lineSource{db: db, period: period}}
}

// loadWorkbookDetail reads every line of month p into memory.
func loadWorkbookDetail(ctx context.Context, db *sql.DB, p period.Period) (workbookDetail, error) {
	return liveDetail(db, p).hold(ctx)
}

// hold is d with every line in memory, for a record that keeps its lines
// (EncodeMonthInputs of a month not read live) and for tests.
func (d workbookDetail) hold(ctx context.Context) (workbookDetail, error) {
	if d.from == nil {
		return d, nil
	}
	var h workbookDetail
	err := collect(ctx, d, dealLines, &h.deals)
	if err == nil {
		err = collect(ctx, d, newCustomerLines, &h.newCustomers)
	}
	if err == nil {
		err = collect(ctx, d, responseLines, &h.responses)
	}
	if err == nil {
		err = collect(ctx, d, qualityLines, &h.quality)
	}
	return h, err
}

// collect appends every line of d's sheet q to dst.
func collect[T any](ctx context.Context, d workbookDetail, q lineQuery[T], dst *[]T) error {
	return eachLine(ctx, d, nil, q, func(l T) error { *dst = append(*dst, l); return nil })
}

// lineQuery is one sheet's lines. sel selects them from the models with
// the line's field names as column names, so that a close can copy each
// as JSON (to_json) that reads back into the line; order is the sheet's
// order over those columns, total, so the live sheet and the frozen copy
// list the same lines in the same order.
type lineQuery[T any] struct {
	sheet, what string
	sel, order  string
	scan        func(*sql.Rows, *T) error
}

func (q lineQuery[T]) liveSQL() string {
	return "SELECT * FROM (" + q.sel + ") x ORDER BY " + q.order
}

// freezeSQL copies the month's lines into closed_detail_lines; its
// arguments are $period, $sheet and the month's range.
func (q lineQuery[T]) freezeSQL() string {
	return "INSERT INTO closed_detail_lines SELECT CAST($period AS VARCHAR), CAST($sheet AS VARCHAR), row_number() OVER (ORDER BY " + q.order +
		"), to_json(x)::VARCHAR FROM (" + q.sel + ") x"
}

const frozenLinesSQL = `SELECT seq, line FROM closed_detail_lines WHERE period = ? AND sheet = ? ORDER BY seq`

// eachLine calls fn with each line of d's sheet q, in order: as the rows
// arrive from the warehouse, or held's when d holds its lines.
func eachLine[T any](ctx context.Context, d workbookDetail, held []T, q lineQuery[T], fn func(T) error) error {
	switch src := d.from; {
	case src == nil:
		for _, l := range held {
			if err := fn(l); err != nil {
				return err
			}
		}
		return nil
	case src.period != "":
		return queryRows(ctx, src.db, "the lines of the "+q.sheet+" sheet of closed "+src.period, frozenLinesSQL, []any{src.period, q.sheet}, func(rs *sql.Rows) error {
			var seq int64
			var text string
			var l T
			if err := rs.Scan(&seq, &text); err != nil {
				return err
			}
			if err := strictJSON([]byte(text), &l); err != nil {
				return fmt.Errorf("line %d: %w", seq, err)
			}
			return fn(l)
		})
	}
	return queryRows(ctx, d.from.db, q.what, q.liveSQL(), monthArgs(d.from.from, d.from.to), func(rs *sql.Rows) error {
		var l T
		if err := q.scan(rs, &l); err != nil {
			return err
		}
		return fn(l)
	})
}

// freezeLines are the statements by which a close copies a live d's lines
// of period into closed_detail_lines, in its transaction. They first
// remove any the period has: a reopen by a salesops from before the table
// left them there, and a copy on top would list every line twice.
func freezeLines(d workbookDetail, period string) []bonus.Statement {
	src := d.from
	st := func(sheet, q string) bonus.Statement {
		return bonus.Statement{SQL: q, Args: append([]any{sql.Named("period", period), sql.Named("sheet", sheet)}, monthArgs(src.from, src.to)...)}
	}
	return []bonus.Statement{
		{SQL: `DELETE FROM closed_detail_lines WHERE period = ?`, Args: []any{period}},
		st(dealLines.sheet, dealLines.freezeSQL()),
		st(newCustomerLines.sheet, newCustomerLines.freezeSQL()),
		st(responseLines.sheet, responseLines.freezeSQL()),
		st(qualityLines.sheet, qualityLines.freezeSQL()),
	}
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

// repLine is a line of one rep: the deals, new customers and responses,
// whose sheets are ordered by rep first.
type repLine interface{ rep() string }

func (l dealLine) rep() string        { return l.RepID }
func (l newCustomerLine) rep() string { return l.RepID }
func (l responseLine) rep() string    { return l.RepID }

// The sheets' lines, with the lines' field names as column names.
const (
	dealsSelect = `SELECT e.rep_id AS "RepID", coalesce(r.name, e.rep_id) AS "RepName", coalesce(e.source_rep_id, '') AS "SourceRep",
		e.deal_id AS "DealID", coalesce(e.customer_id, '') AS "CustomerID", coalesce(c.company_name, '') AS "Company", e.event AS "Event",
		e.event_date::VARCHAR AS "Date", coalesce(e.amount::VARCHAR, '') AS "Amount", e.cancel_date_missing AS "CancelDateMissing"
	FROM ` + monthDealEvents + ` e LEFT JOIN rep_dim r ON r.rep_id = e.rep_id LEFT JOIN customers c ON c.customer_id = e.customer_id
	WHERE e.event IN ('won', 'cancelled')`
	newCustomersSelect = `SELECT f.rep_id AS "RepID", coalesce(r.name, f.rep_id) AS "RepName", f.customer_id AS "CustomerID",
		coalesce(c.company_name, '') AS "Company", f.deal_id AS "DealID", f.close_date::VARCHAR AS "Date"
	FROM customer_first_win f LEFT JOIN rep_dim r ON r.rep_id = f.rep_id LEFT JOIN customers c ON c.customer_id = f.customer_id
	WHERE f.close_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`
	responsesSelect = `SELECT s.rep_id AS "RepID", coalesce(r.name, s.rep_id) AS "RepName", s.survey_id AS "SurveyID",
		s.survey_date::VARCHAR AS "Date", s.customer_id AS "CustomerID", coalesce(c.company_name, '') AS "Company",
		coalesce(s.comment, '') AS "Comment", s.score AS "Score", s.satisfied AS "Satisfied"
	FROM survey_facts s LEFT JOIN rep_dim r ON r.rep_id = s.rep_id LEFT JOIN customers c ON c.customer_id = s.customer_id
	WHERE s.survey_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`
	// Rejected rows and warnings whose row falls in the month, then those
	// without a date (they may touch any month, so every month lists them).
	qualitySelect = `SELECT false AS "Warning", coalesce(source, kind, '') AS "Source", coalesce(file, '') AS "File",
			coalesce(sheet, '') AS "Sheet", coalesce(line::VARCHAR, '') AS "Line", coalesce(column_name, '') AS "Column",
			coalesce(value, '') AS "Value", coalesce(reason, '') AS "Reason", coalesce(row_date::VARCHAR, '') AS "Day"
		FROM rejects WHERE row_date IS NULL OR row_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
		UNION ALL
		SELECT true, coalesce(source, kind, ''), coalesce(file, ''), coalesce(sheet, ''), coalesce(line::VARCHAR, ''),
			coalesce(code, ''), coalesce(row_key, ''), coalesce(message, ''), coalesce(row_date::VARCHAR, '')
		FROM ingest_warnings WHERE row_date IS NULL OR row_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`
)

var (
	dealLines = lineQuery[dealLine]{sheet: "deals", what: "the deals of the month", sel: dealsSelect,
		order: `"RepID", "Date", "DealID", "Event" DESC`, scan: scanDeal}
	newCustomerLines = lineQuery[newCustomerLine]{sheet: "newcustomers", what: "the new customers of the month", sel: newCustomersSelect,
		order: `"RepID", "Date", "CustomerID"`, scan: scanNewCustomer}
	responseLines = lineQuery[responseLine]{sheet: "responses", what: "the survey responses of the month", sel: responsesSelect,
		order: `"RepID", "Date", "SurveyID"`, scan: scanResponse}
	// The dated first; the columns after "Column" only break ties.
	qualityLines = lineQuery[qualityLine]{sheet: "quality", what: "the data-quality problems of the month", sel: qualitySelect,
		order: `"Day" = '', "Day", "File", TRY_CAST(nullif("Line", '') AS BIGINT), "Warning", "Column", "Source", "Sheet", "Value", "Reason"`,
		scan:  scanQuality}
)

func scanDeal(rs *sql.Rows, l *dealLine) error {
	err := rs.Scan(&l.RepID, &l.RepName, &l.SourceRep, &l.DealID, &l.CustomerID, &l.Company, &l.Event, &l.Date, &l.Amount, &l.CancelDateMissing)
	l.RepID, l.RepName, l.SourceRep, l.Event, l.Date = canon(l.RepID), canon(l.RepName), canon(l.SourceRep), canon(l.Event), canon(l.Date)
	return err
}

func scanNewCustomer(rs *sql.Rows, l *newCustomerLine) error {
	return rs.Scan(&l.RepID, &l.RepName, &l.CustomerID, &l.Company, &l.DealID, &l.Date)
}

func scanResponse(rs *sql.Rows, l *responseLine) error {
	err := rs.Scan(&l.RepID, &l.RepName, &l.SurveyID, &l.Date, &l.CustomerID, &l.Company, &l.Comment, &l.Score, &l.Satisfied)
	l.RepID, l.RepName, l.Date = canon(l.RepID), canon(l.RepName), canon(l.Date)
	return err
}

func scanQuality(rs *sql.Rows, l *qualityLine) error {
	return rs.Scan(&l.Warning, &l.Source, &l.File, &l.Sheet, &l.Line, &l.Column, &l.Value, &l.Reason, &l.Day)
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

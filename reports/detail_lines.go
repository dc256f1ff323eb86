package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"unique"

	"github.com/salesops/salesops/period"
)

// workbookDetail is a month's detail lines, in the sheets' order: what the
// finance workbook's detail sheets, the CSVs beside it and the statements
// list. A close's record holds them (the slices). An open month's are
// read from the warehouse on each pass instead (live): at 10M deals a
// month has some 400,000 deal events, and holding them in Go's memory
// while every file of the month was written was most of the report
// step's heap, when the workbook shows 20,000 rows a sheet and the CSVs
// can stream.
type workbookDetail struct {
	deals        []dealLine
	newCustomers []newCustomerLine
	responses    []responseLine
	quality      []qualityLine // dated in the month first, then undated
	live         *liveLines    // set: the lines are read from here, the slices are empty
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

// liveLines is where a live month's lines are read from.
type liveLines struct {
	db       *sql.DB
	from, to string
}

// liveDetail is month p's detail, read from db when it is passed over.
func liveDetail(db *sql.DB, p period.Period) workbookDetail {
	return workbookDetail{live: &liveLines{db: db, from: p.Start().Format(time.DateOnly), to: p.End().Format(time.DateOnly)}}
}

// loadWorkbookDetail reads every line of month p into memory.
func loadWorkbookDetail(ctx context.Context, db *sql.DB, p period.Period) (workbookDetail, error) {
	return liveDetail(db, p).hold(ctx)
}

// hold is d with every line in memory: what a close freezes, and what the
// reps' own statements list (all of each rep's lines).
func (d workbookDetail) hold(ctx context.Context) (workbookDetail, error) {
	if d.live == nil {
		return d, nil
	}
	var h workbookDetail
	err := eachLine(ctx, d, nil, dealLines, func(l dealLine) error { h.deals = append(h.deals, l); return nil })
	if err == nil {
		err = eachLine(ctx, d, nil, newCustomerLines, func(l newCustomerLine) error { h.newCustomers = append(h.newCustomers, l); return nil })
	}
	if err == nil {
		err = eachLine(ctx, d, nil, responseLines, func(l responseLine) error { h.responses = append(h.responses, l); return nil })
	}
	if err == nil {
		err = eachLine(ctx, d, nil, qualityLines, func(l qualityLine) error { h.quality = append(h.quality, l); return nil })
	}
	return h, err
}

// lineQuery reads one kind of line from the warehouse, in sheet order.
type lineQuery[T any] struct {
	what, query string
	twice       bool // the query takes the month's range twice
	scan        func(*sql.Rows, *T) error
}

// eachLine calls fn with each line of d's kind q, in order: held's when d
// holds its lines, else the query's rows as they arrive.
func eachLine[T any](ctx context.Context, d workbookDetail, held []T, q lineQuery[T], fn func(T) error) error {
	if d.live == nil {
		for _, l := range held {
			if err := fn(l); err != nil {
				return err
			}
		}
		return nil
	}
	args := []any{d.live.from, d.live.to}
	if q.twice {
		args = append(args, d.live.from, d.live.to)
	}
	return queryRows(ctx, d.live.db, q.what, q.query, args, func(rs *sql.Rows) error {
		var l T
		if err := q.scan(rs, &l); err != nil {
			return err
		}
		return fn(l)
	})
}

var (
	dealLines = lineQuery[dealLine]{what: "the deals of the month", query: dealsQuery, scan: func(rs *sql.Rows, l *dealLine) error {
		err := rs.Scan(&l.RepID, &l.RepName, &l.SourceRep, &l.DealID, &l.CustomerID, &l.Company, &l.Event, &l.Date, &l.Amount, &l.CancelDateMissing)
		l.RepID, l.RepName, l.SourceRep, l.Event, l.Date = canon(l.RepID), canon(l.RepName), canon(l.SourceRep), canon(l.Event), canon(l.Date)
		return err
	}}
	newCustomerLines = lineQuery[newCustomerLine]{what: "the new customers of the month", query: newCustomersQuery, scan: func(rs *sql.Rows, l *newCustomerLine) error {
		return rs.Scan(&l.RepID, &l.RepName, &l.CustomerID, &l.Company, &l.DealID, &l.Date)
	}}
	responseLines = lineQuery[responseLine]{what: "the survey responses of the month", query: responsesQuery, scan: func(rs *sql.Rows, l *responseLine) error {
		err := rs.Scan(&l.RepID, &l.RepName, &l.SurveyID, &l.Date, &l.CustomerID, &l.Company, &l.Comment, &l.Score, &l.Satisfied)
		l.RepID, l.RepName, l.Date = canon(l.RepID), canon(l.RepName), canon(l.Date)
		return err
	}}
	qualityLines = lineQuery[qualityLine]{what: "the data-quality problems of the month", query: qualityQuery, twice: true, scan: func(rs *sql.Rows, l *qualityLine) error {
		return rs.Scan(&l.Warning, &l.Source, &l.File, &l.Sheet, &l.Line, &l.Column, &l.Value, &l.Reason, &l.Day)
	}}
)

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

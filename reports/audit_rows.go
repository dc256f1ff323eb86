package reports

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/salesops/salesops/i18n"
)

// auditShownRows caps the findings the audit page lists, those each
// check's sheet of the workbook lists, and the pending windows both list.
// At ten million deals a quarter has millions of findings: held in memory
// and rendered whole they cost gigabytes and more than anyone scrolls. A
// capped list says how many there are, and the audit CSV beside the
// report has every one, read from the warehouse a page at a time
// (audit_csv.go, audit_pages.go).
const auditShownRows = 5000

// findingNames says whether a reader of findings shows the names behind
// the ids: the rep's, the owner's and the customer's company. The page and
// the workbook show them; the CSV lists ids, so its pages leave out the
// look-ups of rep_dim and audit_customers, about a fifth of reading each
// page (the CSV has 2M rows at 10M deals). Without names, Company and
// OwnerName are empty and RepName is the rep's label without a name;
// nothing else differs, the order least.
type findingNames bool

const (
	withNames findingNames = true
	idsOnly   findingNames = false
)

// findingsFrom is the name columns and the FROM clause of a findings
// query over table as alias (f audit_findings, or o audit_opportunities
// for pending windows), with or without the names.
func findingsFrom(alias, table string, names findingNames) (repName, company, from string) {
	if !names {
		return "''", "''", table + " " + alias
	}
	return "coalesce(d.name, " + alias + ".rep_id)", "coalesce(c.company_name, '')", table + " " + alias + `
		LEFT JOIN rep_dim d ON d.rep_id = ` + alias + `.rep_id
		LEFT JOIN audit_customers c ON c.customer_id = ` + alias + `.customer_id`
}

// scanFindings calls fn with the findings of pages (findingPages,
// firstFindingPages), page by page, each in the report's order (check,
// rep, customer, deal, date), at most limit of a page when limit > 0. The
// page, the workbook and the CSV all read findings through it, so they
// cannot list them differently. The findings are read a page at a time
// because one query's result is held whole before its first row is read.
func scanFindings(ctx context.Context, db *sql.DB, period string, l auditLabels, pages []auditPage, limit int, names findingNames, fn func(auditFinding) error) error {
	return scanPages(ctx, pages, func(ctx context.Context, p auditPage) (*sql.Rows, error) {
		return queryFindings(ctx, db, period, l, limit, p, names)
	}, func(rows *sql.Rows) error { return readFindings(rows, l, fn) })
}

// scanFindingsPage is scanFindings of one page.
func scanFindingsPage(ctx context.Context, db *sql.DB, period string, l auditLabels, limit int, page auditPage, names findingNames, fn func(auditFinding) error) error {
	return scanFindings(ctx, db, period, l, []auditPage{page}, limit, names, fn)
}

func queryFindings(ctx context.Context, db *sql.DB, period string, l auditLabels, limit int, page auditPage, names findingNames) (*sql.Rows, error) {
	detail := "f.detail"
	if l.Lang == i18n.ZhCN {
		detail = "f.detail_zh"
	}
	capped, args := "", append([]any{period}, page.args...)
	if limit > 0 {
		capped, args = " LIMIT ?", append(args, limit)
	}
	repName, company, from := findingsFrom("f", "audit_findings", names)
	ownerName := "f.owner_name"
	if !names {
		ownerName = "''"
	}
	rows, err := db.QueryContext(ctx, `SELECT f.finding_id, f.check_id, f.severity, f.rep_id, `+repName+`,
		coalesce(f.customer_id, ''), `+company+`, coalesce(f.deal_id, ''), f.date, coalesce(`+detail+`, ''),
		f.owner_id, `+ownerName+`, f.due_date, f.waived, f.repeat,
		coalesce(f.response, ''), coalesce(f.response_by, ''), coalesce(f.response_note, ''), f.responded_at,
		coalesce(f.prev_response, ''), coalesce(f.prev_response_by, ''), coalesce(f.prev_response_note, ''), f.prev_responded_at,
		coalesce(f.prev_finding_id, '')
		FROM `+from+`
		JOIN audit_checks k ON k.check_id = f.check_id
		WHERE f.period = ? `+page.where+`
		ORDER BY k.sort, f.rep_id, f.customer_id NULLS FIRST, f.deal_id NULLS FIRST, f.date, f.opportunity_key`+capped, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the findings: %w", err)
	}
	return rows, nil
}

func readFindings(rows *sql.Rows, l auditLabels, fn func(auditFinding) error) error {
	for rows.Next() {
		var f auditFinding
		if err := rows.Scan(&f.ID, &f.Check, &f.Severity, &f.Rep, &f.RepName, &f.Customer, &f.Company, &f.Deal, &f.Date, &f.Detail,
			&f.Owner, &f.OwnerName, &f.Due, &f.Waived, &f.Repeat,
			&f.Response.Action, &f.Response.By, &f.Response.Note, &f.Response.At,
			&f.PrevResponse.Action, &f.PrevResponse.By, &f.PrevResponse.Note, &f.PrevResponse.At, &f.PrevResponse.FindingID); err != nil {
			return fmt.Errorf("reading the findings: %w", err)
		}
		f.Response.FindingID = f.ID
		f.RepName, f.Detail = repLabel(l.Lang, f.Rep, f.RepName), l.Lang.Reasons(f.Detail)
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading the findings: %w", err)
	}
	return nil
}

// scanPending calls fn with the opportunities whose window was still open
// at the quarter's audit_end, in the order they close, the first limit
// only when limit > 0: listed with the day it closes, never counted.
// Uncapped (the CSV), they are read a page at a time (pendingPages).
func scanPending(ctx context.Context, db *sql.DB, period string, l auditLabels, limit int, names findingNames, fn func(auditFinding) error) error {
	pages := []auditPage{{}}
	if limit == 0 {
		var err error
		if pages, err = pendingPages(ctx, db, period, auditPageRows); err != nil {
			return err
		}
	}
	return scanPendingPages(ctx, db, period, l, limit, pages, names, fn)
}

// scanPendingPage is scanPending of one page.
func scanPendingPage(ctx context.Context, db *sql.DB, period string, l auditLabels, limit int, page auditPage, names findingNames, fn func(auditFinding) error) error {
	return scanPendingPages(ctx, db, period, l, limit, []auditPage{page}, names, fn)
}

func scanPendingPages(ctx context.Context, db *sql.DB, period string, l auditLabels, limit int, pages []auditPage, names findingNames, fn func(auditFinding) error) error {
	return scanPages(ctx, pages, func(ctx context.Context, p auditPage) (*sql.Rows, error) {
		return queryPending(ctx, db, period, l, limit, p, names)
	}, func(rows *sql.Rows) error { return readPending(rows, l, fn) })
}

func queryPending(ctx context.Context, db *sql.DB, period string, l auditLabels, limit int, page auditPage, names findingNames) (*sql.Rows, error) {
	detail := "o.detail"
	if l.Lang == i18n.ZhCN {
		detail = "o.detail_zh"
	}
	capped, args := "", append([]any{period}, page.args...)
	if limit > 0 {
		capped, args = "LIMIT ?", append(args, limit)
	}
	repName, company, from := findingsFrom("o", "audit_opportunities", names)
	rows, err := db.QueryContext(ctx, `SELECT o.finding_id, o.check_id, k.severity, o.rep_id, `+repName+`,
		coalesce(o.customer_id, ''), `+company+`, coalesce(o.deal_id, ''), o.date, coalesce(`+detail+`, ''), o.window_closes
		FROM `+from+`
		JOIN audit_checks k ON k.check_id = o.check_id
		WHERE o.period = ? AND o.pending`+page.where+`
		ORDER BY o.window_closes, k.sort, o.rep_id, o.opportunity_key `+capped, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the pending windows: %w", err)
	}
	return rows, nil
}

func readPending(rows *sql.Rows, l auditLabels, fn func(auditFinding) error) error {
	for rows.Next() {
		var f auditFinding
		if err := rows.Scan(&f.ID, &f.Check, &f.Severity, &f.Rep, &f.RepName, &f.Customer, &f.Company, &f.Deal, &f.Date,
			&f.Detail, &f.WindowCloses); err != nil {
			return fmt.Errorf("reading the pending windows: %w", err)
		}
		f.Pending = true
		f.RepName, f.Detail = repLabel(l.Lang, f.Rep, f.RepName), l.Lang.Reasons(f.Detail)
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading the pending windows: %w", err)
	}
	return nil
}

// loadFindings reads the findings the page and the workbook list, and how
// many there are in all and by check.
func (r *auditReport) loadFindings(ctx context.Context, db *sql.DB) error {
	var err error
	if r.groups, err = findingGroups(ctx, db, r.Period); err != nil {
		return err
	}
	r.FindingsByCheck = map[string]int64{}
	for _, g := range r.groups {
		r.FindingsByCheck[g.part] += g.n
		r.FindingsTotal += g.n
	}
	pages := findingPages(r.groups, auditPageRows)
	if r.Shown > 0 {
		pages = firstFindingPages(r.groups, int64(r.Shown))
	}
	return scanFindings(ctx, db, r.Period, r.L, pages, r.Shown, withNames, func(f auditFinding) error {
		r.Findings = append(r.Findings, f)
		return nil
	})
}

// loadPending reads the pending windows the page and the workbook list,
// and how many there are.
func (r *auditReport) loadPending(ctx context.Context, db *sql.DB) error {
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM audit_opportunities o JOIN audit_checks k ON k.check_id = o.check_id
		WHERE o.period = ? AND o.pending`, r.Period).Scan(&r.PendingTotal)
	if err != nil {
		return fmt.Errorf("counting the pending windows: %w", err)
	}
	return scanPending(ctx, db, r.Period, r.L, r.Shown, withNames, func(f auditFinding) error {
		r.Pending = append(r.Pending, f)
		return nil
	})
}

// shownFindings are the findings the page lists: the first Shown in the
// report's order (each check's first Shown are loaded, which holds them).
func (r *auditReport) shownFindings() []auditFinding {
	if r.Shown > 0 && len(r.Findings) > r.Shown {
		return r.Findings[:r.Shown]
	}
	return r.Findings
}

// csvName is the file name of the audit CSV the capped lists point to.
func (r *auditReport) csvName() string { return "audit-" + r.Period + ".csv" }

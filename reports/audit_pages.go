package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// auditPageRows bounds the rows one query of the audit CSV returns. The
// DuckDB driver holds a query's whole result in memory before the first
// row reaches Go, and that memory is outside the buffer manager's
// memory_limit: at ten million deals the quarter's 1.47M findings, read in
// one ORDER BY, took the audit's peak RSS from 1.15 GB (its transform) to
// 1.6 GB. Read in pages of about this many rows, the CSV costs a page's
// memory, whatever the quarter holds. Each page is a query that scans its
// check's rows again, so fewer, larger pages were faster: at L, pages of
// 250k rows wrote the reports 2.4 s sooner than pages of 100k (23.0–23.5 s
// against 25.5–25.8 s, `run --rewrite quarterly-audit`). Since the next
// page's query runs while a page is read (scanPages), two results are
// held, and the time is the same: on 2026-12-02, alternating, 13.4–16.0 s
// with pages of 250k and 14.3–16.3 s with 100k, but peak RSS 834–982 MB
// against 757–828 MB (pages of 50k: 747–764 MB, 17.3–17.7 s). A variable
// so tests can make pages of a few rows.
var auditPageRows int64 = 100_000

// auditPage is one page of a paged scan: a filter appended to the scan's
// WHERE clause (" AND …") and its arguments.
type auditPage struct {
	where string
	args  []any
}

// auditGroup is a run of rows that share the scan's leading sort keys: a
// page holds whole groups, so pages read in order list the rows in the
// scan's order. lo and hi are the key the page filters a range of
// (hi = lo for one group); null marks the group of rows where it is
// null, which a range cannot select; part is the key a page must not
// cross (a check), if any.
type auditGroup struct {
	part, lo, hi string
	null         bool
	n            int64
}

// pageQuery runs one page's query; pageReader takes its rows.
type (
	pageQuery  func(context.Context, auditPage) (*sql.Rows, error)
	pageReader func(*sql.Rows) error
)

// scanPages reads pages in order, each query running one page ahead of
// read: while read takes page k's rows in Go, DuckDB runs page k+1's
// query on a second connection. The driver holds a query's whole result
// before its first row reaches Go, so one page at a time the two took
// turns, each leaving a core idle. At most two pages' results are held.
// An error stops the scan: the query running ahead is cancelled and its
// rows closed.
func scanPages(ctx context.Context, pages []auditPage, query pageQuery, read pageReader) error {
	type result struct {
		rows *sql.Rows
		err  error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := func(p auditPage) chan result {
		ch := make(chan result, 1)
		go func() {
			rows, err := query(ctx, p)
			ch <- result{rows, err}
		}()
		return ch
	}
	var ahead chan result
	if len(pages) > 0 {
		ahead = start(pages[0])
	}
	for i := range pages {
		r := <-ahead
		ahead = nil
		if r.err != nil {
			return r.err
		}
		if i+1 < len(pages) {
			ahead = start(pages[i+1])
		}
		err := read(r.rows)
		if cerr := r.rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			if ahead != nil {
				cancel()
				if r := <-ahead; r.err == nil {
					r.rows.Close()
				}
			}
			return err
		}
	}
	return nil
}

// pageGroups packs consecutive groups into pages of at most limit rows (a
// group larger than limit is a page alone), starting a page where part
// changes and giving a null group a page of its own.
func pageGroups(groups []auditGroup, limit int64) []auditGroup {
	var pages []auditGroup
	for _, g := range groups {
		if k := len(pages) - 1; k >= 0 {
			p := &pages[k]
			if !p.null && !g.null && p.part == g.part && p.n+g.n <= limit {
				p.hi, p.n = g.hi, p.n+g.n
				continue
			}
		}
		pages = append(pages, g)
	}
	return pages
}

// findingGroups counts the quarter's findings by check and rep, in the
// report's order (check, then rep: the order scanFindingsPage lists them
// in, where a rep's nulls come last). It is the report's one count of its
// findings: the totals by check, the capped lists' pages and the CSV's
// pages come from it, each a query the view's scan would cost again (at
// ten million deals 0.8 s a count).
func findingGroups(ctx context.Context, db *sql.DB, period string) ([]auditGroup, error) {
	rows, err := db.QueryContext(ctx, `SELECT f.check_id, f.rep_id, count(*) FROM audit_findings f
		JOIN audit_checks k ON k.check_id = f.check_id
		WHERE f.period = ?
		GROUP BY k.sort, f.check_id, f.rep_id
		ORDER BY k.sort, f.rep_id NULLS LAST`, period)
	if err != nil {
		return nil, fmt.Errorf("counting the findings by check and rep: %w", err)
	}
	groups, err := scanGroups(rows)
	if err != nil {
		return nil, fmt.Errorf("counting the findings by check and rep: %w", err)
	}
	return groups, nil
}

// findingPages splits the findings of groups into pages of whole
// (check, rep) groups of at most limit rows.
func findingPages(groups []auditGroup, limit int64) []auditPage {
	var pages []auditPage
	for _, g := range pageGroups(groups, limit) {
		pages = append(pages, findingPage(g))
	}
	return pages
}

// firstFindingPages gives each check one page that holds its first n
// findings in the report's order: its leading groups up to the one that
// reaches n rows, or the whole check when that takes its null group (the
// last). Read with LIMIT n, a page costs the view's scan of those reps
// only: ranking every finding of the quarter by check to keep each one's
// first n (a window over 1.47M rows at ten million deals) took 2.9 s, a
// page 0.2 s.
func firstFindingPages(groups []auditGroup, n int64) []auditPage {
	var pages []auditPage
	var cur *auditGroup
	for _, g := range groups {
		if cur != nil && cur.part == g.part {
			switch {
			case cur.n >= n:
			case g.null:
				cur.null, cur.n = true, cur.n+g.n
			default:
				cur.hi, cur.n = g.hi, cur.n+g.n
			}
			continue
		}
		if cur != nil {
			pages = append(pages, firstPage(*cur))
		}
		c := g
		cur = &c
	}
	if cur != nil {
		pages = append(pages, firstPage(*cur))
	}
	return pages
}

// firstPage is the page of a check's leading groups g: a range of reps,
// or the whole check once it reaches the nulls.
func firstPage(g auditGroup) auditPage {
	if g.null {
		return auditPage{where: " AND f.check_id = ? ", args: []any{g.part}}
	}
	return findingPage(g)
}

// findingPage is the page of the groups of one check in g.
func findingPage(g auditGroup) auditPage {
	if g.null {
		return auditPage{where: " AND f.check_id = ? AND f.rep_id IS NULL ", args: []any{g.part}}
	}
	return auditPage{where: " AND f.check_id = ? AND f.rep_id BETWEEN ? AND ? ", args: []any{g.part, g.lo, g.hi}}
}

// pendingPages splits the quarter's pending windows into pages of whole
// days their windows close on, in the order scanPending lists them.
func pendingPages(ctx context.Context, db *sql.DB, period string, limit int64) ([]auditPage, error) {
	rows, err := db.QueryContext(ctx, `SELECT '', strftime(o.window_closes, '%Y-%m-%d'), count(*) FROM audit_opportunities o
		JOIN audit_checks k ON k.check_id = o.check_id
		WHERE o.period = ? AND o.pending
		GROUP BY o.window_closes
		ORDER BY o.window_closes NULLS LAST`, period)
	if err != nil {
		return nil, fmt.Errorf("counting the pending windows by day: %w", err)
	}
	groups, err := scanGroups(rows)
	if err != nil {
		return nil, fmt.Errorf("counting the pending windows by day: %w", err)
	}
	var pages []auditPage
	for _, g := range pageGroups(groups, limit) {
		if g.null {
			pages = append(pages, auditPage{where: " AND o.window_closes IS NULL"})
			continue
		}
		pages = append(pages, auditPage{where: " AND o.window_closes BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", args: []any{g.lo, g.hi}})
	}
	return pages, nil
}

// scanGroups reads (part, key, count) rows.
func scanGroups(rows *sql.Rows) ([]auditGroup, error) {
	defer rows.Close()
	var groups []auditGroup
	for rows.Next() {
		var part string
		var key sql.NullString
		var n int64
		if err := rows.Scan(&part, &key, &n); err != nil {
			return nil, err
		}
		groups = append(groups, auditGroup{part: part, lo: key.String, hi: key.String, null: !key.Valid, n: n})
	}
	return groups, rows.Err()
}

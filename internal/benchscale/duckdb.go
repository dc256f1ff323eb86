package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // the "duckdb" database/sql driver
)

// aloneResult is what the DuckDB-alone child reports on stdout.
type aloneResult struct {
	Load, SQL time.Duration
	Version   string
	Reps      int
	// The company's totals of the month, to compare with salesops' bonus
	// file: the same job must give the same figures.
	NetSales                string
	NewCustomers, Responses int64
}

// tables are the five canonical exports as DuckDB alone loads them. The
// amount is read as DECIMAL, as salesops stores it: summing money as
// DOUBLE would not be the same job.
var aloneTables = []struct{ table, kind, options string }{
	{"reps", "reps", ""},
	{"customers", "customers", ""},
	{"deals", "sales", ", types = {'amount': 'DECIMAL(18,2)'}"},
	{"followups", "followups", ""},
	{"surveys", "surveys", ""},
}

// bonusSQL is the bonus's raw material for one month in plain SQL, the
// part of the monthly job DuckDB alone does: net sales (won in the month
// less cancelled in the month), first wins (customers whose first deal
// still won closed in the month, to that deal's rep; metrics.md) and CSAT (share of the month's
// responses scoring 4 or 5). $1 and $2 bound the month.
const bonusSQL = `
WITH won AS (
  SELECT rep_id, sum(amount) AS won FROM deals
  WHERE status IN ('won', 'cancelled') AND close_date >= $1 AND close_date < $2 GROUP BY rep_id),
cancels AS (
  SELECT rep_id, sum(amount) AS cancelled FROM deals
  WHERE status = 'cancelled' AND cancel_date >= $1 AND cancel_date < $2 GROUP BY rep_id),
firsts AS (
  SELECT first(rep_id ORDER BY close_date, deal_id) AS rep_id, min(close_date) AS first_win FROM deals
  WHERE status = 'won' AND customer_id IS NOT NULL GROUP BY customer_id),
first_wins AS (
  SELECT rep_id, count(*) AS new_customers FROM firsts WHERE first_win >= $1 AND first_win < $2 GROUP BY rep_id),
csat AS (
  SELECT rep_id, count(*) AS responses, avg(CASE WHEN score >= 4 THEN 1 ELSE 0 END) AS csat FROM surveys
  WHERE survey_date >= $1 AND survey_date < $2 GROUP BY rep_id)
SELECT rep_id, CAST(net_sales AS VARCHAR), new_customers, responses, CAST(csat AS VARCHAR),
  CAST(sum(net_sales) OVER () AS VARCHAR) AS company_net_sales,
  sum(new_customers) OVER () AS company_new_customers, sum(responses) OVER () AS company_responses
FROM (SELECT r.rep_id,
  coalesce(won.won, 0) - coalesce(cancels.cancelled, 0) AS net_sales,
  coalesce(first_wins.new_customers, 0) AS new_customers, coalesce(csat.responses, 0) AS responses, csat.csat
FROM reps r
LEFT JOIN won USING (rep_id) LEFT JOIN cancels USING (rep_id)
LEFT JOIN first_wins USING (rep_id) LEFT JOIN csat USING (rep_id))
ORDER BY rep_id`

// runAlone is the DuckDB-alone child: a fresh database file, the five
// exports loaded with read_csv, then the bonus aggregates of month
// (YYYY-MM).
func runAlone(ctx context.Context, dbPath, memoryLimit, month string, files map[string]string) (aloneResult, error) {
	var res aloneResult
	for _, p := range []string{dbPath, dbPath + ".wal"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return res, fmt.Errorf("removing the previous database: %w", err)
		}
	}
	db, err := sql.Open("duckdb", dbPath)
	if err != nil {
		return res, fmt.Errorf("opening %s: %w", dbPath, err)
	}
	defer db.Close()
	if memoryLimit != "" {
		if _, err := db.ExecContext(ctx, "SET memory_limit = "+quote(memoryLimit)); err != nil {
			return res, fmt.Errorf("setting memory_limit: %w", err)
		}
	}
	if err := db.QueryRowContext(ctx, "SELECT version()").Scan(&res.Version); err != nil {
		return res, fmt.Errorf("reading the DuckDB version: %w", err)
	}
	t0 := time.Now()
	for _, t := range aloneTables {
		q := fmt.Sprintf("CREATE TABLE %s AS SELECT * FROM read_csv(%s%s)", quoteIdent(t.table), quote(files[t.kind]), t.options)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return res, fmt.Errorf("loading %s: %w", t.table, err)
		}
	}
	res.Load = time.Since(t0)
	first, err := time.Parse("2006-01", month)
	if err != nil {
		return res, fmt.Errorf("month %q: %w", month, err)
	}
	t0 = time.Now()
	rows, err := db.QueryContext(ctx, bonusSQL, first, first.AddDate(0, 1, 0))
	if err != nil {
		return res, fmt.Errorf("computing the bonus aggregates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rep, net string
		var newCust, responses int64
		var csat sql.NullString
		if err := rows.Scan(&rep, &net, &newCust, &responses, &csat, &res.NetSales, &res.NewCustomers, &res.Responses); err != nil {
			return res, fmt.Errorf("reading the bonus aggregates: %w", err)
		}
		res.Reps++
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("reading the bonus aggregates: %w", err)
	}
	res.SQL = time.Since(t0)
	return res, nil
}

// aloneMain runs the child and prints its result as JSON on stdout.
func aloneMain(ctx context.Context, args []string) error {
	if len(args) != 4 {
		return fmt.Errorf("usage: benchscale duckdb-alone DB MEMORY_LIMIT MONTH FILES_JSON")
	}
	files := map[string]string{}
	if err := json.Unmarshal([]byte(args[3]), &files); err != nil {
		return fmt.Errorf("reading the file list: %w", err)
	}
	res, err := runAlone(ctx, args[0], args[1], args[2], files)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

func quote(s string) string      { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

package lake

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/salesops/salesops/warehouse"
)

// PartitionColumn is the Hive partition column of every partitioned table:
// a YYYY-MM text, the month of the table's natural date.
const PartitionColumn = "month"

// hiveNull is the folder Hive, Spark and DuckDB give a null partition value
// (an open deal has no close date).
const hiveNull = "__HIVE_DEFAULT_PARTITION__"

// naturalDates are the columns that date a fact, in the order they win
// when a table has several: a deal event (a win or a cancellation) by
// itself rather than by its deal's close, a deal by its close, a follow-up
// or ticket by when it happened, a survey by its response. Dimension tables (reps, customers, coverage) have none of them
// and are written whole: a hire or creation date is not what a reader
// slices them by.
var naturalDates = []string{"event_date", "close_date", "followup_at", "survey_date", "opened_at"}

// periodMonth is the month a period starts in: the period itself for a
// month, the first month of a quarter or of a range (period/period.go
// spells them 2026-10, 2026-Q3, 2025-01..2025-12). A quarter's rows then sit
// in its first month's folder, which its month rows share.
const periodMonth = `CASE
  WHEN regexp_full_match("period", '\d{4}-\d{2}') THEN "period"
  WHEN regexp_full_match("period", '\d{4}-Q[1-4]') THEN left("period", 5) || lpad(CAST(CAST(right("period", 1) AS INTEGER) * 3 - 2 AS VARCHAR), 2, '0')
  WHEN regexp_full_match("period", '\d{4}-\d{2}\.\.\d{4}-\d{2}') THEN left("period", 7)
END`

type Column struct {
	Name string `json:"name"`
	Type string `json:"type"` // the DuckDB type a reader of the lake sees
}

// table is one warehouse table and how it is written.
type table struct {
	name, kind string
	cols       []Column // as in the warehouse
	// partFrom is the column the month comes from ("" = unpartitioned);
	// partExpr is the SQL that computes it (empty when the table already
	// has a month column, as fx_rates does).
	partFrom, partExpr string
}

// listTables reads the canonical tables and every table a transform built
// (any table schema.sql does not declare) with their columns, canonical
// ones first in schema order, then models by name.
func listTables(ctx context.Context, q querier) ([]table, error) {
	// A model may be a view (transform/fresh.go): the lake holds its rows
	// like a table's, so a reader needs no DuckDB to compute them.
	rows, err := q.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type
		FROM duckdb_columns() c JOIN (
			SELECT database_name, schema_name, table_name FROM duckdb_tables() WHERE NOT temporary AND NOT internal
			UNION ALL
			SELECT database_name, schema_name, view_name FROM duckdb_views() WHERE NOT temporary AND NOT internal
		) t USING (database_name, schema_name, table_name)
		WHERE c.schema_name = 'main' AND c.database_name = current_database()
		ORDER BY c.table_name, c.column_index`)
	if err != nil {
		return nil, fmt.Errorf("listing the warehouse's tables: %w", err)
	}
	defer rows.Close()
	canonical, owned := warehouse.CanonicalTables(), warehouse.SchemaTables()
	byName := map[string]*table{}
	var models []string
	for rows.Next() {
		var tn string
		var c Column
		if err := rows.Scan(&tn, &c.Name, &c.Type); err != nil {
			return nil, fmt.Errorf("listing the warehouse's tables: %w", err)
		}
		t := byName[tn]
		if t == nil {
			kind := "model"
			switch {
			case slices.Contains(canonical, tn):
				kind = "canonical"
			case slices.Contains(owned, tn):
				continue // history and bookkeeping stay in the warehouse
			default:
				models = append(models, tn)
			}
			t = &table{name: tn, kind: kind}
			byName[tn] = t
		}
		t.cols = append(t.cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing the warehouse's tables: %w", err)
	}
	var out []table
	for _, n := range append(slices.Clone(canonical), models...) {
		if t := byName[n]; t != nil {
			t.partFrom, t.partExpr = partitionOf(t.cols)
			out = append(out, *t)
		}
	}
	return out, nil
}

// partitionOf picks the column a table's month comes from, and the SQL
// that derives it.
func partitionOf(cols []Column) (from, expr string) {
	typeOf := map[string]string{}
	for _, c := range cols {
		typeOf[c.Name] = c.Type
	}
	if typeOf["period"] == "VARCHAR" {
		return "period", periodMonth
	}
	for _, d := range naturalDates {
		if t := typeOf[d]; t == "DATE" || strings.HasPrefix(t, "TIMESTAMP") {
			return d, "strftime(" + warehouse.QuoteIdent(d) + ", '%Y-%m')"
		}
	}
	if typeOf[PartitionColumn] == "VARCHAR" {
		return PartitionColumn, "" // fx_rates: already a YYYY-MM month
	}
	return "", ""
}

// lakeType is the type a column is written as. HUGEINT (DuckDB's sum of
// integers) has no Parquet type and DuckDB would write it as DOUBLE; the
// sums here are counts and days, far inside BIGINT, and a cast that ever
// overflowed would fail the export rather than round.
func lakeType(t string) string {
	if t == "HUGEINT" || t == "UHUGEINT" {
		return "BIGINT"
	}
	return t
}

// selectSQL is the query a table is written from.
func (t table) selectSQL() string {
	var items []string
	for _, c := range t.cols {
		id := warehouse.QuoteIdent(c.Name)
		if lt := lakeType(c.Type); lt != c.Type {
			items = append(items, "CAST("+id+" AS "+lt+") AS "+id)
		} else {
			items = append(items, id)
		}
	}
	if t.partExpr != "" {
		items = append(items, t.partExpr+" AS "+warehouse.QuoteIdent(PartitionColumn))
	}
	return "SELECT " + strings.Join(items, ", ") + " FROM " + warehouse.QuoteIdent(t.name)
}

// lakeColumns are the columns a reader of the lake sees, the partition
// column last (Hive, Spark and Trino put it there).
func (t table) lakeColumns() []Column {
	var out []Column
	for _, c := range t.cols {
		if t.partFrom != "" && c.Name == PartitionColumn {
			continue
		}
		out = append(out, Column{c.Name, lakeType(c.Type)})
	}
	if t.partFrom != "" {
		out = append(out, Column{PartitionColumn, "VARCHAR"})
	}
	return out
}

// moneyColumns are the DECIMAL(p,2) columns: amounts in the base currency
// and their sums.
func (t table) moneyColumns() []string {
	var out []string
	for _, c := range t.cols {
		if strings.HasPrefix(c.Type, "DECIMAL(") && strings.HasSuffix(c.Type, ",2)") {
			out = append(out, c.Name)
		}
	}
	return out
}

// querier is what listTables reads through: the export's transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

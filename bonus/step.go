package bonus

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/transform"
)

// Step is the transform step that allocates every month's pool exactly
// (Allocate, in rational arithmetic) and stores the result in
// bonus_allocations (one row per rep and month) and bonus_pools (one row per
// month), where the bonus data tests, the reports and the close read it.
// The caller registers it with transform.Standard.
func (plan Plan) Step() transform.Step {
	return transform.Step{
		Name:        "bonus_allocations",
		Depends:     []string{"bonus_inputs", "company_month"},
		Run:         func(ctx context.Context, tx *sql.Tx) error { return allocateAll(ctx, tx, plan) },
		Fingerprint: plan.fingerprint(),
	}
}

// fingerprint is what the allocation computes from besides its input
// tables: the plan, and the code that applies it. Empty (always rebuild)
// when the code cannot be named.
func (plan Plan) fingerprint() string {
	code := buildinfo.CodeID()
	if code == "" {
		return ""
	}
	rec, err := json.Marshal(plan.Record())
	if err != nil {
		return ""
	}
	return string(rec) + "\n" + code
}

// Transform is the production transform: transform.Standard for cfg and
// asOf, with the Step of cfg's plan registered.
func Transform(cfg config.Config, asOf time.Time, log *slog.Logger) (transform.Options, error) {
	plan, err := PlanFrom(cfg.Bonus)
	if err != nil {
		return transform.Options{}, err
	}
	return transform.Standard(cfg, asOf, log, plan.Step()), nil
}

const bonusTables = `
CREATE OR REPLACE TABLE bonus_pools (
    period VARCHAR PRIMARY KEY, gross_sales DECIMAL(38,2), cancellations DECIMAL(38,2), net_sales DECIMAL(38,2),
    pool DECIMAL(18,2), allocated DECIMAL(18,2), unallocated DECIMAL(18,2),
    cap DECIMAL(18,2), cap_enabled BOOLEAN, active VARCHAR, weights VARCHAR);
CREATE OR REPLACE TABLE bonus_allocations (
    period VARCHAR, rep_id VARCHAR, eligible BOOLEAN,
    x_sales VARCHAR, x_new_customers VARCHAR, x_satisfaction VARCHAR,
    share_sales VARCHAR, share_new_customers VARCHAR, share_satisfaction VARCHAR,
    score VARCHAR, multiplier VARCHAR, adjusted VARCHAR, capped BOOLEAN, raw VARCHAR,
    floor DECIMAL(18,2), extra_cent BOOLEAN, allocation DECIMAL(18,2), rank INTEGER, csat VARCHAR,
    clawback_brought_forward DECIMAL(18,2), clawback_carried_forward DECIMAL(18,2),
    PRIMARY KEY (period, rep_id));`

func allocateAll(ctx context.Context, tx *sql.Tx, plan Plan) error {
	if _, err := tx.ExecContext(ctx, bonusTables); err != nil {
		return err
	}
	inputs, err := readBonusInputs(ctx, tx)
	if err != nil {
		return err
	}
	carryBalances(plan, inputs)
	rows, err := tx.QueryContext(ctx, `SELECT period, gross_sales, cancellations, net_sales FROM company_month ORDER BY period`)
	if err != nil {
		return fmt.Errorf("reading company_month: %w", err)
	}
	var months []monthSales
	for rows.Next() {
		var m monthSales
		var g, c, n duckdb.Decimal
		if err := rows.Scan(&m.period, &g, &c, &n); err != nil {
			rows.Close()
			return err
		}
		if m.gross, err = decimalCents(g); err == nil {
			if m.cancel, err = decimalCents(c); err == nil {
				m.net, err = decimalCents(n)
			}
		}
		if err != nil {
			rows.Close()
			return fmt.Errorf("company sales of %s: %w", m.period, err)
		}
		months = append(months, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	pools, allocs, err := allocateMonths(plan, months, inputs)
	if err != nil {
		return err
	}
	if err := insertRows(ctx, tx, "bonus_pools", pools); err != nil {
		return err
	}
	return insertRows(ctx, tx, "bonus_allocations", allocs)
}

// insertRows stores rows in table in one statement: each column travels
// as one JSON array of strings, all of one length, which DuckDB unnests
// side by side, position by position (several unnests in one SELECT list
// are zipped, not crossed), casting each value to its column's type
// exactly (decimals are text until then). One INSERT per row cost a
// millisecond each, and a VALUES list of bound parameters more: 12 to
// 16 s for 200 reps over two years. One array of rows, each an array of
// its values, cost 0.32 to 0.54 s for the 12,000 allocations of 500 reps
// over two years (L, four incremental days); an array per column, 0.22 to
// 0.35 s. (Bound as 21 Go slices, DuckDB lists, they cost 0.50 to 0.61 s
// against 0.23 to 0.30 s for the one text, on the machine of 12-03:
// docs/performance.md.)
func insertRows(ctx context.Context, tx *sql.Tx, table string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	types, err := columnTypes(ctx, tx, table)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) != len(types) {
			return fmt.Errorf("storing %s: %d values a row for %d columns", table, len(r), len(types))
		}
	}
	cols := make([]string, len(types))
	args := make([]any, len(types))
	for j, t := range types {
		text := make([]*string, len(rows))
		for i, r := range rows {
			if v := r[j]; v != nil {
				s := fmt.Sprint(v)
				text[i] = &s
			}
		}
		js, err := json.Marshal(text)
		if err != nil {
			return fmt.Errorf("storing %s: %w", table, err)
		}
		cols[j], args[j] = fmt.Sprintf(`CAST(unnest(from_json(?, '["VARCHAR"]')) AS %s)`, t), string(js)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO "+table+" SELECT "+strings.Join(cols, ", "), args...); err != nil {
		return fmt.Errorf("storing %s: %w", table, err)
	}
	return nil
}

func columnTypes(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT data_type FROM duckdb_columns()
		WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? ORDER BY column_index`, table)
	if err != nil {
		return nil, fmt.Errorf("reading the columns of %s: %w", table, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("reading the columns of %s: %w", table, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func readBonusInputs(ctx context.Context, tx *sql.Tx) (map[string][]RepInput, error) {
	rows, err := tx.QueryContext(ctx, `SELECT period, rep_id, eligible, net_sales, new_customers, responses, satisfied
		FROM bonus_inputs ORDER BY period, rep_id`)
	if err != nil {
		return nil, fmt.Errorf("reading bonus_inputs: %w", err)
	}
	defer rows.Close()
	out := map[string][]RepInput{}
	for rows.Next() {
		var p string
		var in RepInput
		var net duckdb.Decimal
		if err := rows.Scan(&p, &in.RepID, &in.Eligible, &net, &in.NewCustomers, &in.Responses, &in.Satisfied); err != nil {
			return nil, err
		}
		if in.NetSales, err = decimalCents(net); err != nil {
			return nil, fmt.Errorf("net sales of %s in %s: %w", in.RepID, p, err)
		}
		out[p] = append(out[p], in)
	}
	return out, rows.Err()
}

func decimalCents(d duckdb.Decimal) (money.Cents, error) { return money.FromUnscaled(d.Value, d.Scale) }

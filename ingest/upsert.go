package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// provenance says where the rows of _valid came from.
type provenance struct {
	source, kind, file, sheet, hash string
	batch                           int64
	now                             time.Time
	log                             *slog.Logger
}

// upsert merges _valid into the canonical table: new keys are inserted,
// changed rows go to <table>_history and are updated, identical rows are
// left alone (and counted unchanged).
func (p plan) upsert(ctx context.Context, x execer, pv provenance) (ins, upd, same int64, err error) {
	t := ident(p.spec.table)
	cols := p.outColumns()
	var names, differs, sets []string
	for _, c := range cols {
		n := ident(c.name)
		names = append(names, n)
		differs = append(differs, fmt.Sprintf("v.%s IS DISTINCT FROM t.%s", n, n))
		if !isKey(p.spec, c.name) {
			sets = append(sets, fmt.Sprintf("%s = v.%s", n, n))
		}
	}
	var on []string
	for _, k := range p.spec.key {
		on = append(on, fmt.Sprintf("v.%s = t.%s", ident(k), ident(k)))
	}
	joinOn := strings.Join(on, " AND ")
	changed := "(" + strings.Join(differs, " OR ") + ")"
	var empty bool
	if err := x.QueryRowContext(ctx, "SELECT NOT EXISTS (SELECT 1 FROM "+t+")").Scan(&empty); err != nil {
		return 0, 0, 0, fmt.Errorf("reading %s: %w", p.spec.table, err)
	}
	prov := []any{pv.file, nullIfEmpty(pv.sheet), pv.hash, pv.batch}
	insert := fmt.Sprintf(`INSERT INTO %s (%s, _file, _line, _sheet, _hash, _batch) SELECT %s, ?, _line, ?, ?, ? FROM `,
		t, strings.Join(names, ", "), strings.Join(names, ", "))
	if empty {
		// The first load: nothing to compare with, so the rows go straight
		// in, in one pass, without a copy.
		t0 := time.Now()
		// The rows carry their line; their order in the table does not
		// matter. Unordered, DuckDB writes the row groups in parallel and
		// straight to the file, instead of leaving them to the checkpoint.
		// (The setting is the database's; the session restores it.)
		if _, err := x.ExecContext(ctx, "SET preserve_insertion_order = false"); err != nil {
			return 0, 0, 0, fmt.Errorf("preparing the insert into %s: %w", p.spec.table, err)
		}
		res, err := x.ExecContext(ctx, insert+"_valid", prov...)
		if err == nil {
			_, err = x.ExecContext(ctx, "SET preserve_insertion_order = true")
		}
		pv.log.Debug("step", "file", pv.file, "step", "insert", "took", time.Since(t0))
		if err != nil {
			return 0, 0, 0, fmt.Errorf("inserting into %s: %w", p.spec.table, err)
		}
		ins, err = res.RowsAffected()
		return ins, 0, 0, err
	}
	merge := fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE _merge AS SELECT v.*, CASE WHEN t.%s IS NULL THEN 'insert' WHEN %s THEN 'update' ELSE 'same' END AS _op
			FROM _valid v LEFT JOIN %s t ON %s`, ident(p.spec.key[0]), changed, t, joinOn)
	if _, err := x.ExecContext(ctx, merge); err != nil {
		return 0, 0, 0, fmt.Errorf("comparing with %s: %w", p.spec.table, err)
	}
	if err := x.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE _op = 'insert'), count(*) FILTER (WHERE _op = 'update'),
		count(*) FILTER (WHERE _op = 'same') FROM _merge`).Scan(&ins, &upd, &same); err != nil {
		return 0, 0, 0, fmt.Errorf("counting changes to %s: %w", p.spec.table, err)
	}
	if upd > 0 {
		v := strings.ReplaceAll(joinOn, "v.", "m.")
		if _, err := x.ExecContext(ctx, fmt.Sprintf(`INSERT INTO %s SELECT t.*, ?, ? FROM %s t JOIN _merge m ON %s WHERE m._op = 'update'`,
			ident(p.spec.table+"_history"), t, v), pv.now.UTC(), pv.batch); err != nil {
			return 0, 0, 0, fmt.Errorf("keeping the replaced versions of %s: %w", p.spec.table, err)
		}
		if _, err := x.ExecContext(ctx, fmt.Sprintf(`UPDATE %s t SET %s, _file = ?, _line = v._line, _sheet = ?, _hash = ?, _batch = ?
			FROM (SELECT * FROM _merge WHERE _op = 'update') v WHERE %s`, t, strings.Join(sets, ", "), joinOn), prov...); err != nil {
			return 0, 0, 0, fmt.Errorf("updating %s: %w", p.spec.table, err)
		}
	}
	if ins > 0 {
		if _, err := x.ExecContext(ctx, insert+"_merge WHERE _op = 'insert'", prov...); err != nil {
			return 0, 0, 0, fmt.Errorf("inserting into %s: %w", p.spec.table, err)
		}
	}
	return ins, upd, same, nil
}

// recordRejects copies _rej and the repeated keys into the warehouse.
func recordRejects(ctx context.Context, x execer, pv provenance) error {
	// Values and keys are stored capped: a cell may hold a megabyte, and
	// the rejects table feeds errors, the runs history and the workbook.
	if _, err := x.ExecContext(ctx, `INSERT INTO rejects SELECT ?, ?, ?, ?, _line, ?, column_name, `+capSQL("value")+`, reason, `+capSQL("_key")+`, _date FROM _rej`,
		pv.batch, pv.source, pv.kind, pv.file, nullIfEmpty(pv.sheet)); err != nil {
		return fmt.Errorf("recording rejects of %s: %w", pv.file, err)
	}
	if _, err := x.ExecContext(ctx, `INSERT INTO ingest_warnings SELECT ?, ?, ?, ?, l, ?, 'repeated_key', k,
		'key ' || k || ' appears on line ' || l || ' and again on line ' || keep || '; line ' || keep || ' wins', NULL
		FROM (SELECT *, `+capSQL("_key")+` AS k FROM _dups)`,
		pv.batch, pv.source, pv.kind, pv.file, nullIfEmpty(pv.sheet)); err != nil {
		return fmt.Errorf("recording warnings of %s: %w", pv.file, err)
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func isKey(spec kindSpec, col string) bool {
	for _, k := range spec.key {
		if k == col {
			return true
		}
	}
	return false
}

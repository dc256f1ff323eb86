package transform

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash"
	"maps"
	"regexp"
	"slices"
	"time"

	"github.com/salesops/salesops/warehouse"
)

// A model is rebuilt only when something it is computed from changed: its
// SQL (and its data tests'), the parameters it reads with getvariable(),
// the tables outside the transform it reads (their stamps, Options.Stamps)
// and the fingerprints of the models and steps it depends on. The last
// fingerprint of each is in transform_state, written in the transform's
// transaction, so a rerun with nothing new rebuilds nothing and a new day
// of follow-ups rebuilds what reads follow-ups, and what reads that.

var getvariableRE = regexp.MustCompile(`getvariable\('([a-z0-9_]+)'\)`)

// freshness is what one run knows of the models built before it.
type freshness struct {
	built  map[string]string // transform_state: model → fingerprint
	tables map[string]bool   // tables in the main schema
	stamps map[string]string // base table → stamp (given, or hashed here)
	fp     map[string]string // this run's fingerprints
}

func loadFreshness(ctx context.Context, tx *sql.Tx, given map[string]string) (*freshness, error) {
	f := &freshness{built: map[string]string{}, tables: map[string]bool{}, stamps: map[string]string{}, fp: map[string]string{}}
	for k, v := range given {
		f.stamps[k] = v
	}
	rows, err := tx.QueryContext(ctx, `SELECT model, fingerprint FROM transform_state`)
	if err != nil {
		return nil, fmt.Errorf("reading what the transform built before: %w", err)
	}
	for rows.Next() {
		var m, fp string
		if err := rows.Scan(&m, &fp); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading what the transform built before: %w", err)
		}
		f.built[m] = fp
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading what the transform built before: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'`)
	if err != nil {
		return nil, fmt.Errorf("listing the warehouse's tables: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("listing the warehouse's tables: %w", err)
		}
		f.tables[t] = true
	}
	return f, rows.Err()
}

// stamp names the content of base table t: the caller's stamp (ingest's
// batch bookkeeping for the canonical tables), or else a hash of every row,
// which is exact for any table and cheap for the small system tables
// (rejects, audit responses) that have no bookkeeping of their own.
func (f *freshness) stamp(ctx context.Context, tx *sql.Tx, t string) (string, error) {
	if s, ok := f.stamps[t]; ok {
		return s, nil
	}
	var s string
	q := fmt.Sprintf(`SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(t))::VARCHAR, '') FROM %s t`, warehouse.QuoteIdent(t))
	if err := tx.QueryRowContext(ctx, q).Scan(&s); err != nil {
		return "", fmt.Errorf("reading the content of %s: %w", t, err)
	}
	f.stamps[t] = s
	return s, nil
}

// fingerprint of node name, whose dependencies were fingerprinted before
// it (p.seq is in dependency order). A step without a Fingerprint has none
// ("") and is always rebuilt, as is everything that depends on it.
func (p plan) fingerprint(ctx context.Context, tx *sql.Tx, f *freshness, name string, vars map[string]any) (string, error) {
	h := sha256.New()
	var deps, reads []string
	if s, ok := p.steps[name]; ok {
		if s.Fingerprint == "" {
			return "", nil
		}
		fmt.Fprintf(h, "step %s\n%s\n", name, s.Fingerprint)
		deps = s.Depends
	} else {
		m := p.models[name]
		fmt.Fprintf(h, "model %s\n%s\n", name, m.SQL)
		used := map[string]bool{}
		for _, x := range getvariableRE.FindAllStringSubmatch(m.SQL, -1) {
			used[x[1]] = true
		}
		for _, t := range p.testsOf[name] {
			fmt.Fprintf(h, "test %s\n%s\n", t.Name, t.SQL)
			for _, x := range getvariableRE.FindAllStringSubmatch(t.SQL, -1) {
				used[x[1]] = true
			}
		}
		for _, v := range slices.Sorted(maps.Keys(used)) {
			lit, err := literal(vars[v])
			if err != nil {
				return "", fmt.Errorf("variable %s: %w", v, err)
			}
			fmt.Fprintf(h, "var %s=%s\n", v, lit)
		}
		deps, reads = m.Depends, m.Reads
	}
	for _, d := range slices.Sorted(slices.Values(deps)) {
		fp := f.fp[d]
		if fp == "" {
			return "", nil
		}
		fmt.Fprintf(h, "depends %s=%s\n", d, fp)
	}
	for _, t := range slices.Sorted(slices.Values(reads)) {
		s, err := f.stamp(ctx, tx, t)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "reads %s=%s\n", t, s)
	}
	return sum(h), nil
}

// fresh says whether name's table is there and was built from fp.
func (f *freshness) fresh(name, fp string) bool {
	return fp != "" && f.tables[name] && f.built[name] == fp
}

func recordBuilt(ctx context.Context, tx *sql.Tx, name, fp string, took time.Duration) error {
	var err error
	if fp == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM transform_state WHERE model = ?`, name)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO transform_state VALUES (?, ?, ?, ?)`,
			name, fp, time.Now().UTC(), took.Milliseconds())
	}
	if err != nil {
		return fmt.Errorf("recording that %s was built: %w", name, err)
	}
	return nil
}

func sum(h hash.Hash) string { return "sha256:" + hex.EncodeToString(h.Sum(nil)) }

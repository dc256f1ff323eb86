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
	views  map[string]bool   // views in the main schema
	stamps map[string]string // base table → stamp (given, or hashed here)
	fp     map[string]string // this run's fingerprints
	// columns of the main schema's tables, read when a keyed model first
	// asks (keyedInputs)
	columns map[string]map[string]bool
	counts  map[string]int64 // keyed inputs' row counts at a batch ("deals@12")
}

func loadFreshness(ctx context.Context, tx *sql.Tx, given map[string]string) (*freshness, error) {
	f := &freshness{built: map[string]string{}, tables: map[string]bool{}, views: map[string]bool{}, stamps: map[string]string{}, fp: map[string]string{}}
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
	rows, err = tx.QueryContext(ctx, `SELECT table_name, false FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
		UNION ALL SELECT view_name, true FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal`)
	if err != nil {
		return nil, fmt.Errorf("listing the warehouse's tables: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var view bool
		if err := rows.Scan(&t, &view); err != nil {
			return nil, fmt.Errorf("listing the warehouse's tables: %w", err)
		}
		if view {
			f.views[t] = true
		} else {
			f.tables[t] = true
		}
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
	var err error
	if q, ok := partStamps[t]; ok {
		s, err = warehouse.ContentStampOf(ctx, tx, t, q)
	} else {
		s, err = warehouse.ContentStamp(ctx, tx, t)
	}
	if err != nil {
		return "", err
	}
	f.stamps[t] = s
	return s, nil
}

// partStamps stamp the base tables that models read only part of by that
// part. ingest_batches gains a row on every ingest, even one that loads
// nothing (a rerun records its batch of skipped files); its one reader,
// audit_opp_data, reads only when the batches that rejected rows started.
// Stamped whole, it made every rerun rebuild the audit.
var partStamps = map[string]string{
	"ingest_batches": `SELECT batch_id, started_at FROM ingest_batches WHERE batch_id IN (SELECT batch_id FROM rejects)`,
}

// fingerprint of node name, whose dependencies were fingerprinted before
// it (p.seq is in dependency order). A step without a Fingerprint has none
// ("") and is always rebuilt, as is everything that depends on it.
func (p plan) fingerprint(ctx context.Context, tx *sql.Tx, f *freshness, name string, vars map[string]any) (string, error) {
	return p.fingerprintExcept(ctx, tx, f, name, vars, nil)
}

// fingerprintExcept is the fingerprint with the tables of keyed left out
// (named, not stamped): a keyed model's base, which a new day of its keyed
// inputs leaves as it was (keyed.go).
func (p plan) fingerprintExcept(ctx context.Context, tx *sql.Tx, f *freshness, name string, vars map[string]any, keyed []string) (string, error) {
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
		if m.Merge != "" {
			fmt.Fprintf(h, "merge\n%s\n", m.Merge)
		}
		if m.MergeChanged {
			fmt.Fprintf(h, "on changed rows\n")
		}
		used := map[string]bool{}
		for _, x := range getvariableRE.FindAllStringSubmatch(m.SQL+"\n"+m.Merge, -1) {
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
		if slices.Contains(keyed, t) {
			fmt.Fprintf(h, "reads %s keyed\n", t)
			continue
		}
		s, err := f.stamp(ctx, tx, t)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "reads %s=%s\n", t, s)
	}
	return sum(h), nil
}

// fresh says whether name's table (or view) is there and was built from fp.
func (f *freshness) fresh(name, fp string) bool {
	return fp != "" && (f.tables[name] || f.views[name]) && f.built[name] == fp
}

var createViewRE = regexp.MustCompile(`(?im)^CREATE OR REPLACE VIEW\b`)

// clear drops what stands in the way of model m: a table where m is now a
// view, or a view where it is now a table (CREATE OR REPLACE replaces only
// its own kind), so a model can change kind between releases.
func (f *freshness) clear(ctx context.Context, tx *sql.Tx, m Model) error {
	view := createViewRE.MatchString(m.SQL)
	var q string
	switch {
	case view && f.tables[m.Name]:
		q, f.tables[m.Name] = "DROP TABLE "+warehouse.QuoteIdent(m.Name), false
	case !view && f.views[m.Name]:
		q, f.views[m.Name] = "DROP VIEW "+warehouse.QuoteIdent(m.Name), false
	default:
		return nil
	}
	if _, err := tx.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("model %s: replacing the earlier %s: %w", m.Name, map[bool]string{true: "table", false: "view"}[view], err)
	}
	return nil
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

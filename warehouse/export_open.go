package warehouse

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// An export (Options.WriteUnder) reads the warehouse and writes Parquet
// files under one folder. It runs no text a user typed, but the folder is
// a path the user named, so DuckDB itself keeps it there rather than our
// checks: no other file may be read or written, no network, no extension
// fetched. enable_external_access=false with allowed_directories does
// exactly that, and lock_configuration keeps a later statement from
// widening it. The list cannot go in the DSN (DuckDB refuses list options
// there), so Open sets these three once, in this order, before the pool is
// handed out; they are database-wide, so every connection has them.
var exportDSNSettings = []dsnSetting{
	{"access_mode", "read_only"},
	{"autoinstall_known_extensions", "false"},
	{"autoload_known_extensions", "false"},
	{"allow_community_extensions", "false"},
	{"allow_unsigned_extensions", "false"},
}

// confineWrites limits the open database to files under dir (and its own
// spill folder, which DuckDB always allows) and locks the configuration.
func (w *Warehouse) confineWrites(ctx context.Context, dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("resolving the export folder %s: %w", dir, err)
	}
	// A trailing separator, so that /x/lake does not also allow /x/lake2.
	allowed := strings.TrimSuffix(abs, string(filepath.Separator)) + string(filepath.Separator)
	for _, q := range []string{
		"SET allowed_directories = [" + quoteLiteral(allowed) + "]",
		"SET enable_external_access = false",
		"SET lock_configuration = true",
	} {
		if _, err := w.DB.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("confining the export to %s (%s): %w", allowed, q, err)
		}
	}
	// Read back, as for the sandbox: a database this process already had
	// open on the file could have come back with other settings.
	var access, locked, dirs string
	if err := w.DB.QueryRowContext(ctx, `SELECT current_setting('enable_external_access')::VARCHAR,
		current_setting('lock_configuration')::VARCHAR, current_setting('allowed_directories')::VARCHAR`).Scan(&access, &locked, &dirs); err != nil {
		return fmt.Errorf("reading back the export's confinement: %w", err)
	}
	if !strings.EqualFold(access, "false") || !strings.EqualFold(locked, "true") || !strings.Contains(dirs, allowed) {
		return fmt.Errorf("warehouse %s did not take the export's confinement (external access %s, locked %s, allowed %s)", w.Path, access, locked, dirs)
	}
	return nil
}

// CanonicalTables are the tables keyed as in exports.md, in schema order.
func CanonicalTables() []string { return slices.Clone(canonicalTables) }

var schemaTableRE = regexp.MustCompile(`(?m)^CREATE TABLE IF NOT EXISTS (\w+)`)

// SchemaTables are the tables schema.sql declares: canonical, history and
// system tables. Any other table in the file was built by a transform.
func SchemaTables() []string {
	var out []string
	for _, m := range schemaTableRE.FindAllStringSubmatch(schemaSQL, -1) {
		out = append(out, m[1])
	}
	return out
}

// QuoteLiteral quotes a text as an SQL string literal, for the places
// DuckDB takes no bound parameter (a COPY's file name).
func QuoteLiteral(s string) string { return quoteLiteral(s) }

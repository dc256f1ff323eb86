// Package warehouse owns the DuckDB file: opening it, its schema (canonical
// tables, their history, and the system tables for ingest bookkeeping, run
// history and closed periods), transactions, and the input fingerprint.
// It knows nothing of exports, metrics or reports.
package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/faults"
)

//go:embed schema.sql
var schemaSQL string

// SchemaVersion is bumped with every incompatible change to schema.sql.
// 2: the canonical tables have no PRIMARY KEY (uniqueness is the ingest's
// job, checked by a data test); a version-1 file is rebuilt on open.
const SchemaVersion = 2

// canonicalTables are the tables keyed as in exports.md.
var canonicalTables = []string{"reps", "customers", "deals", "followups", "surveys", "tickets", "fx_rates"}

// Warehouse is an open DuckDB file.
type Warehouse struct {
	DB   *sql.DB
	Path string
	log  *slog.Logger
	// sandboxed: opened with Options.Sandbox, so QueryReadOnly may run
	// text it did not write.
	sandboxed bool
	// release ends this open's count in holdOpen.
	release func()
}

// Options tune how the file is opened.
type Options struct {
	ReadOnly bool
	// Sandbox opens the file read-only and confines the database to it:
	// no other file, no network, no extension installed or loaded, and the
	// configuration locked (sandbox.go). For text a user typed.
	Sandbox bool
	// WriteUnder opens the file read-only for an export that writes files
	// under this folder and nowhere else (export_open.go).
	WriteUnder string
	// MemoryLimit, e.g. "1GB"; empty leaves DuckDB's default.
	MemoryLimit string
	Threads     int
}

// Open opens (creating if needed) the warehouse at path and applies the schema.
func Open(ctx context.Context, path string, opt Options, log *slog.Logger) (*Warehouse, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	first, release := holdOpen(path)
	w, err := open(ctx, path, opt, log, first)
	if err != nil {
		release()
		return nil, err
	}
	w.release = release
	return w, nil
}

// open is Open; first says whether this process has no other open of path
// (recover.go).
func open(ctx context.Context, path string, opt Options, log *slog.Logger, first bool) (*Warehouse, error) {
	keepPrivate(path, log)
	if opt.Sandbox || opt.WriteUnder != "" {
		opt.ReadOnly = true
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("creating the warehouse folder: %w", err)
		}
	} else if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		// Nothing is broken: the configuration names a file no ingest has
		// written yet (or the wrong file), which the operator fixes.
		return nil, fmt.Errorf("%w: no warehouse at %s yet: run an ingest first, or check warehouse: in the configuration", faults.ErrUsage, path)
	} else if err != nil {
		return nil, fmt.Errorf("opening warehouse %s: %w", path, err)
	}
	// Looked at before DuckDB opens the file and replays what it finds
	// (recover.go).
	torn := first && walLeft(path)
	if torn && opt.ReadOnly {
		rwOpt := Options{MemoryLimit: opt.MemoryLimit, Threads: opt.Threads}
		if err := repairForReader(path, func() (*Warehouse, error) { return open(ctx, path, rwOpt, log, true) }); err != nil {
			return nil, err
		}
	}
	dsn := path
	switch {
	case opt.Sandbox:
		dsn = restrictedDSN(path, sandboxSettings, opt)
	case opt.WriteUnder != "":
		dsn = restrictedDSN(path, exportDSNSettings, opt)
	case opt.ReadOnly:
		dsn += "?access_mode=READ_ONLY"
	}
	connector, err := duckdb.NewConnector(dsn, func(execer driver.ExecerContext) error {
		if opt.Sandbox || opt.WriteUnder != "" {
			return nil // its settings are in the DSN
		}
		stmts := allocatorStatements()
		if opt.MemoryLimit != "" {
			stmts = append(stmts, fmt.Sprintf("SET memory_limit = %s", quoteLiteral(opt.MemoryLimit)))
		}
		if opt.Threads > 0 {
			stmts = append(stmts, fmt.Sprintf("SET threads = %d", opt.Threads))
		}
		for _, s := range stmts {
			if _, err := execer.ExecContext(ctx, s, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("opening warehouse %s: %w", path, classifyOpenError(path, err))
	}
	w := &Warehouse{DB: sql.OpenDB(connector), Path: path, log: log, sandboxed: opt.Sandbox}
	if opt.Sandbox {
		if err := w.checkSandbox(ctx); err != nil {
			w.Close()
			return nil, err
		}
	}
	if opt.WriteUnder != "" {
		if err := w.confineWrites(ctx, opt.WriteUnder); err != nil {
			w.Close()
			return nil, err
		}
	}
	if !opt.ReadOnly {
		if err := w.migrate(ctx); err != nil {
			w.Close()
			return nil, err
		}
		if torn {
			if err := w.recoverTornCommit(ctx); err != nil {
				w.Close()
				return nil, err
			}
		}
	} else if err := w.checkCreated(ctx); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// checkCreated refuses a file without the schema as if it were not there:
// a process killed while creating the warehouse leaves one (the schema is
// applied in one transaction), and a reader would otherwise fail on its
// first query with DuckDB's catalog error. The next job creates it.
func (w *Warehouse) checkCreated(ctx context.Context) error {
	var n int
	if err := w.DB.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'schema_version'`).Scan(&n); err != nil {
		return fmt.Errorf("opening warehouse %s: reading its tables: %w", w.Path, err)
	}
	if n == 0 {
		return fmt.Errorf("%w: no warehouse at %s yet (the file was never finished): run an ingest first", faults.ErrUsage, w.Path)
	}
	return nil
}

// Close closes the database.
func (w *Warehouse) Close() error {
	err := w.DB.Close() // sql.OpenDB owns the connector and closes it
	if w.release != nil {
		w.release()
	}
	return err
}

func (w *Warehouse) migrate(ctx context.Context) error {
	return w.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, schemaSQL); err != nil {
			return fmt.Errorf("applying the warehouse schema: %w", err)
		}
		var v sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT max(version) FROM schema_version").Scan(&v); err != nil {
			return fmt.Errorf("reading the schema version: %w", err)
		}
		switch {
		case !v.Valid:
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_version VALUES (?)", SchemaVersion)
			return err
		case v.Int64 > SchemaVersion:
			return fmt.Errorf("warehouse %s has schema version %d, newer than this salesops (%d): upgrade salesops", w.Path, v.Int64, SchemaVersion)
		case v.Int64 < 2:
			if err := dropCanonicalKeys(ctx, tx); err != nil {
				return fmt.Errorf("upgrading warehouse %s to schema version 2: %w", w.Path, err)
			}
			_, err := tx.ExecContext(ctx, "UPDATE schema_version SET version = ?", SchemaVersion)
			return err
		}
		return nil
	})
}

// dropCanonicalKeys rebuilds each canonical table of a version-1 file that
// still has its PRIMARY KEY as the table of schema.sql (same columns, NOT
// NULL and CHECK constraints, no index), keeping every row. It runs inside
// the migrate transaction, so a failure leaves the file as it was.
func dropCanonicalKeys(ctx context.Context, tx *sql.Tx) error {
	for _, t := range canonicalTables {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_constraints()
			WHERE table_name = ? AND schema_name = 'main' AND constraint_type = 'PRIMARY KEY'`, t).Scan(&n); err != nil {
			return fmt.Errorf("reading the keys of %s: %w", t, err)
		}
		if n == 0 {
			continue
		}
		ddl, err := tableDDL(t)
		if err != nil {
			return err
		}
		tmp := t + "_v2"
		for _, q := range []string{
			strings.Replace(ddl, "CREATE TABLE IF NOT EXISTS "+t+" (", "CREATE TABLE "+tmp+" (", 1),
			"INSERT INTO " + tmp + " SELECT * FROM " + t,
			"DROP TABLE " + t,
			"ALTER TABLE " + tmp + " RENAME TO " + t,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("rebuilding %s without its primary key: %w", t, err)
			}
		}
	}
	return nil
}

// tableDDL is the CREATE TABLE statement of t in schema.sql.
func tableDDL(t string) (string, error) {
	head := "CREATE TABLE IF NOT EXISTS " + t + " ("
	i := strings.Index(schemaSQL, head)
	if i < 0 {
		return "", fmt.Errorf("schema.sql has no table %s", t)
	}
	j := strings.Index(schemaSQL[i:], ");")
	return schemaSQL[i : i+j+2], nil
}

// Tx runs fn in one transaction: all of it lands or none of it does.
func (w *Warehouse) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := w.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning a transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
			w.log.Warn("rollback failed", "err", rerr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// ErrInUse means another process has the DuckDB file open for writing.
var ErrInUse = errors.New("the warehouse file is open in another process")

func classifyOpenError(path string, err error) error {
	if strings.Contains(err.Error(), "Could not set lock") || strings.Contains(err.Error(), "Conflicting lock") {
		// Another process writes the file (a job): exit 4, like the lock.
		return fmt.Errorf("%w (%w; try again when the run ends, see %s.lock): %v", ErrInUse, faults.ErrLocked, path, err)
	}
	return err
}

// QuoteIdent quotes an SQL identifier for DuckDB.
func QuoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

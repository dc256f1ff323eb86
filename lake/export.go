// Package lake writes the warehouse as a Parquet lake other engines read:
// the canonical tables and every table a transform built, each in its own
// folder, Hive-partitioned by month where the table has a natural date,
// with a manifest of row counts, column types and money totals (manifest.go)
// so a reader can check what it got. DuckDB's COPY does the writing: rows
// stream from the warehouse to the files and never pass through Go.
// It reads the warehouse and nothing else; it knows nothing of reports.
package lake

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// The lake is as private as the reports: it holds the same people's data.
const (
	filePerm fs.FileMode = 0o640
	dirPerm  fs.FileMode = 0o750
)

// Options tune an export.
type Options struct {
	// Overwrite replaces an earlier lake in the folder; without it a
	// folder with anything in it is refused.
	Overwrite   bool
	MemoryLimit string
	Now         time.Time // the export time the manifest records
	Build       buildinfo.Info
	Log         *slog.Logger
}

// Export writes the warehouse at warehousePath as a lake in dir. It writes
// into a new folder beside dir and renames it to dir at the end, so dir
// holds a whole lake or what it held before, never half of one.
func Export(ctx context.Context, warehousePath, dir string, opt Options) (Manifest, error) {
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return Manifest{}, fmt.Errorf("resolving the export folder %s: %w", dir, err)
	}
	exists, err := checkTarget(dir, opt.Overwrite)
	if err != nil {
		return Manifest{}, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), dirPerm); err != nil {
		return Manifest{}, fmt.Errorf("creating the folder of %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return Manifest{}, fmt.Errorf("creating the export's working folder beside %s: %w", dir, err)
	}
	done := false
	defer func() {
		if !done {
			if rerr := os.RemoveAll(tmp); rerr != nil {
				log.Warn("could not remove the unfinished export", "folder", tmp, "err", rerr)
			}
		}
	}()
	if err := os.Chmod(tmp, dirPerm); err != nil {
		return Manifest{}, fmt.Errorf("setting the mode of %s: %w", tmp, err)
	}
	m, err := writeLake(ctx, warehousePath, tmp, opt, log)
	if err != nil {
		return Manifest{}, err
	}
	if err := restrict(tmp); err != nil {
		return Manifest{}, err
	}
	if err := replace(tmp, dir, exists); err != nil {
		return Manifest{}, err
	}
	done = true
	return m, nil
}

// checkTarget refuses a dir that is a file, or that holds anything unless
// overwrite is set and it is a lake (it has a manifest): --overwrite is
// for refreshing a lake, not for emptying whatever folder was named.
func checkTarget(dir string, overwrite bool) (exists bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return false, fmt.Errorf("%w: %s is a file, not a folder for the lake", faults.ErrUsage, dir)
		}
		return false, fmt.Errorf("reading the export folder %s: %w", dir, err)
	case len(entries) == 0:
		return true, nil
	case !overwrite:
		return true, fmt.Errorf("%w: %s is not empty; pass --overwrite to replace the lake in it", faults.ErrUsage, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, ManifestName)); err != nil {
		return true, fmt.Errorf("%w: %s holds files but no %s, so it is not a lake salesops wrote; --overwrite only replaces one", faults.ErrUsage, dir, ManifestName)
	}
	return true, nil
}

// writeLake opens the warehouse confined to tmp and writes every table and
// the manifest there, in one transaction so all tables are one snapshot.
func writeLake(ctx context.Context, warehousePath, tmp string, opt Options, log *slog.Logger) (Manifest, error) {
	w, err := warehouse.Open(ctx, warehousePath, warehouse.Options{WriteUnder: tmp, MemoryLimit: opt.MemoryLimit}, log)
	if err != nil {
		return Manifest{}, err
	}
	defer w.Close()
	m := Manifest{Format: manifestFormat, Version: manifestVersion, Generator: opt.Build.Label(), ExportedAt: opt.Now.UTC()}
	if m.Warehouse.Fingerprint, err = w.Fingerprint(ctx); err != nil {
		return Manifest{}, err
	}
	err = w.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT max(version) FROM schema_version").Scan(&m.Warehouse.SchemaVersion); err != nil {
			return fmt.Errorf("reading the warehouse's schema version: %w", err)
		}
		tables, err := listTables(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range tables {
			t0 := time.Now()
			e, err := writeTable(ctx, tx, tmp, t)
			if err != nil {
				return err
			}
			log.Debug("table exported", "table", t.name, "rows", e.Rows, "took", time.Since(t0).Round(time.Millisecond))
			m.Tables = append(m.Tables, e)
		}
		return nil
	})
	if err != nil {
		return Manifest{}, err
	}
	return m, writeManifest(filepath.Join(tmp, ManifestName), m)
}

// writeTable copies one table into tmp/<name>/ and checks the rows written
// against the table's count.
func writeTable(ctx context.Context, tx *sql.Tx, tmp string, t table) (TableEntry, error) {
	e := TableEntry{Name: t.name, Kind: t.kind, Path: t.name, Files: t.name + "/**/*.parquet", Columns: t.lakeColumns()}
	if t.partFrom != "" {
		e.PartitionBy, e.PartitionFrom = PartitionColumn, t.partFrom
	}
	folder := filepath.Join(tmp, t.name)
	if err := os.Mkdir(folder, dirPerm); err != nil {
		return e, fmt.Errorf("exporting %s: %w", t.name, err)
	}
	count, totals, err := tableTotals(ctx, tx, t)
	if err != nil {
		return e, err
	}
	e.MoneyTotals = totals
	target, opts := filepath.Join(folder, "data_0.parquet"), "FORMAT parquet, COMPRESSION zstd"
	switch {
	case t.partFrom != "" && count > 0:
		target, opts = folder, opts+", PARTITION_BY ("+warehouse.QuoteIdent(PartitionColumn)+")"
	case t.partFrom != "":
		// No rows, no partition folder: one empty file in the null
		// partition keeps the columns readable and the glob matching.
		folder = filepath.Join(folder, PartitionColumn+"="+hiveNull)
		if err := os.Mkdir(folder, dirPerm); err != nil {
			return e, fmt.Errorf("exporting %s: %w", t.name, err)
		}
		target = filepath.Join(folder, "data_0.parquet")
	}
	q := t.selectSQL()
	if t.partFrom != "" && count == 0 {
		q = "SELECT * EXCLUDE (" + warehouse.QuoteIdent(PartitionColumn) + ") FROM (" + q + ")"
	}
	res, err := tx.ExecContext(ctx, "COPY ("+q+") TO "+warehouse.QuoteLiteral(target)+" ("+opts+")")
	if err != nil {
		return e, fmt.Errorf("exporting %s: %w", t.name, err)
	}
	if e.Rows, err = res.RowsAffected(); err != nil {
		return e, fmt.Errorf("exporting %s: counting the rows written: %w", t.name, err)
	}
	if e.Rows != count {
		return e, fmt.Errorf("exporting %s: wrote %d rows of %d", t.name, e.Rows, count)
	}
	return e, nil
}

// tableTotals counts a table and sums its money columns exactly, as text.
func tableTotals(ctx context.Context, tx *sql.Tx, t table) (int64, map[string]string, error) {
	money := t.moneyColumns()
	q := "SELECT count(*)"
	for _, c := range money {
		id := warehouse.QuoteIdent(c)
		q += ", CAST(coalesce(sum(" + id + "), 0) AS VARCHAR)"
	}
	dest := make([]any, 1+len(money))
	var count int64
	sums := make([]string, len(money))
	dest[0] = &count
	for i := range sums {
		dest[i+1] = &sums[i]
	}
	if err := tx.QueryRowContext(ctx, q+" FROM "+warehouse.QuoteIdent(t.name)).Scan(dest...); err != nil {
		return 0, nil, fmt.Errorf("exporting %s: counting its rows and money: %w", t.name, err)
	}
	var totals map[string]string
	for i, c := range money {
		if totals == nil {
			totals = map[string]string{}
		}
		totals[c] = sums[i]
	}
	return count, totals, nil
}

// restrict gives every file and folder of the lake the reports' modes;
// DuckDB created them with the umask's.
func restrict(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := filePerm
		if d.IsDir() {
			mode = dirPerm
		}
		if err := os.Chmod(p, mode); err != nil {
			return fmt.Errorf("setting the mode of %s: %w", p, err)
		}
		return nil
	})
}

// replace moves the finished lake tmp to dir. An existing dir (empty, or
// an earlier lake under --overwrite) is moved aside first and removed
// after, so dir is never a mix of two exports.
func replace(tmp, dir string, exists bool) error {
	if !exists {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("moving the finished lake to %s: %w", dir, err)
		}
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving the earlier lake %s aside: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("moving the finished lake to %s: %w (and the earlier one is left at %s: %v)", dir, err, old, rerr)
		}
		return fmt.Errorf("moving the finished lake to %s: %w", dir, err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("removing the earlier lake (now at %s): %w", old, err)
	}
	return nil
}

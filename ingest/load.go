package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// loadFile stages, parses and merges one file inside the batch
// transaction. With keepRejects it also returns every reject (validate).
func loadFile(ctx context.Context, s *session, j job, batch int64, cfg config.Config, opt Options, keepRejects bool) (FileReport, []Reject, error) {
	spec := specs[j.src.Kind]
	fr := FileReport{Source: j.src.Name, Kind: j.src.Kind, Path: j.name, Status: "failed"}
	fail := func(err error) (FileReport, []Reject, error) {
		fr.Message = err.Error()
		return fr, nil, err
	}
	// A file that may take the plain path is only hashed first; the plain
	// path checks the rest as it reads, so the file is read twice, not three
	// times. Should it leave that path, the full inspection follows.
	var notPlainWhy string
	switch {
	case keepRejects:
		// validate: every reject is wanted, which only the general path lists
	case opt.generalOnly:
	case opt.generalFor[j.path]:
		notPlainWhy = "it left the plain path late, and the batch started again"
	default:
		notPlainWhy = notPlain(spec, j.src, cfg, formatOf(j.path, j.src))
	}
	tryPlain := !keepRejects && !opt.generalOnly && notPlainWhy == ""
	if notPlainWhy != "" {
		opt.Log.Debug("plain path not taken", "file", j.name, "why", notPlainWhy)
	}
	tInspect := time.Now()
	sf, err := openSource(j.path, j.root, j.src.FollowSymlinks)
	if err != nil {
		return fail(relabel(err, j))
	}
	defer sf.close()
	if h, ok := opt.memo.recall(j.path, spec.name, sf); ok && !keepRejects {
		// Unchanged since it was hashed (file_memo.go): if that content
		// was loaded, the file is skipped without being read.
		n, enc, err := loadedBefore(ctx, s, h, spec.name)
		if err != nil {
			return fail(fmt.Errorf("checking whether %s was loaded before: %w", j.name, err))
		}
		if n > 0 {
			fi := fileInfo{file: sf, path: sf.path, format: formatOf(j.path, j.src), hash: h, size: sf.st.Size()}
			fr.Hash, fr.Format, fr.Status, fr.Message, fr.Encoding = h, fi.format, "skipped", "", enc
			opt.Log.Debug("inspected", "file", j.name, "memo", true, "took", time.Since(tInspect))
			return fr, nil, insertFileRow(ctx, s, batch, fr, fi, opt)
		}
	}
	fi, err := inspect(ctx, sf, j.src, tryPlain)
	opt.Log.Debug("inspected", "file", j.name, "quick", tryPlain, "took", time.Since(tInspect))
	fr.Hash, fr.Format, fr.Encoding = fi.hash, fi.format, fi.encoding
	if err != nil {
		return fail(relabel(err, j))
	}
	opt.memo.note(j.path, spec.name, sf, tInspect, fi.hash)
	if afterInspect != nil {
		afterInspect(j.path)
	}
	if !keepRejects {
		// The encoding is the one found when the file was loaded (a quick
		// inspection only presumes UTF-8).
		n, enc, err := loadedBefore(ctx, s, fi.hash, spec.name)
		if err != nil {
			return fail(fmt.Errorf("checking whether %s was loaded before: %w", j.name, err))
		}
		if n > 0 {
			fr.Status, fr.Message, fr.Encoding = "skipped", "", enc
			return fr, nil, insertFileRow(ctx, s, batch, fr, fi, opt)
		}
	}
	if err := checkLimits(fi, j.src); err != nil {
		return fail(relabel(err, j))
	}
	plain := false
	if tryPlain {
		if plain, err = loadPlain(ctx, s, j, fi, spec, cfg, batch, opt, &fr); err != nil {
			return fail(err)
		}
	}
	var p plan
	var sheet string
	if !plain {
		if fi.quick {
			tInspect := time.Now()
			fi, err = inspect(ctx, sf, j.src, false)
			fr.Encoding = fi.encoding
			if err != nil {
				return fail(relabel(err, j))
			}
			opt.Log.Debug("inspected", "file", j.name, "took", time.Since(tInspect))
		}
		t0 := time.Now()
		var cm columnMap
		if cm, sheet, err = stageFile(ctx, s, j, fi, spec); err != nil {
			return fail(relabel(err, j))
		}
		if p, err = newPlan(spec, cm, j.src, cfg); err != nil {
			return fail(fmt.Errorf("%w: source %s: %v", faults.ErrUsage, j.src.Name, err))
		}
		opt.Log.Debug("staged", "file", j.name, "took", time.Since(t0))
		if err := p.transform(ctx, s, j, spec, &fr, opt); err != nil {
			return fail(err)
		}
	}
	var rejects []Reject
	limit := " LIMIT 5"
	if keepRejects {
		limit = ""
	}
	if rejects, err = readRejects(ctx, s, j.name, sheet, limit); err != nil {
		return fail(err)
	}
	threshold := cfg.RejectThreshold
	if j.src.RejectThreshold != nil {
		threshold = *j.src.RejectThreshold
	}
	if over(fr.Rejected, fr.Read, threshold) {
		err := &ThresholdError{File: j.name, Rows: fr.Read, Rejected: fr.Rejected, Threshold: threshold.String(), First: rejects[:min(5, len(rejects))]}
		fr.Message = err.Error()
		return fr, rejects, err
	}
	t2 := time.Now()
	defer func() { opt.Log.Debug("merged", "file", j.name, "took", time.Since(t2)) }()
	pv := provenance{source: j.src.Name, kind: spec.name, file: j.name, sheet: sheet, hash: fi.hash, batch: batch, now: opt.Now(), log: opt.Log}
	if !plain && !keepRejects {
		if split, err := s.splitsBefore(ctx, p, batch); err != nil {
			return fail(err)
		} else if split {
			return fr, nil, &batchSplit{file: j.name}
		}
	}
	if !plain {
		if fr.Inserted, fr.Updated, fr.Unchanged, err = p.upsert(ctx, s.tx, pv); err != nil {
			return fail(err)
		}
		if err := sf.unchanged(); err != nil { // DuckDB read the path (no /proc)
			return fail(relabel(err, j))
		}
	}
	s.inserted[spec.table] += fr.Inserted + fr.Updated
	if err := recordRejects(ctx, s.tx, pv); err != nil {
		return fail(err)
	}
	fr.Status = "loaded"
	if err := insertFileRow(ctx, s, batch, fr, fi, opt); err != nil {
		return fail(err)
	}
	dropStaging(ctx, s)
	return fr, rejects, nil
}

// afterInspect, when a test sets it, runs between a file's inspection and
// its parse, where a file could be swapped under the load.
var afterInspect func(path string)

// over reports rejected/read > threshold, exactly.
func over(rejected, read int64, threshold config.Decimal) bool {
	if read == 0 || rejected == 0 {
		return false
	}
	share := big.NewRat(rejected, read)
	return share.Cmp(threshold.Rat()) > 0
}

// relabel names the file as the user knows it (the URL of a download).
func relabel(err error, j job) error {
	var fe *FileError
	if errors.As(err, &fe) && fe.File == j.path {
		fe.File = j.name
	}
	var le *LimitError
	if errors.As(err, &le) && le.File == j.path {
		le.File = j.name
	}
	return err
}

// stageFile makes the file's records readable as text (s.from: the stream
// of a Go reader, or DuckDB's Parquet reader), each with its line, and
// matches its headers.
func stageFile(ctx context.Context, s *session, j job, fi fileInfo, spec kindSpec) (columnMap, string, error) {
	switch fi.format {
	case "xls":
		return columnMap{}, "", &FileError{File: j.path, Reason: "Excel 97-2003 workbooks (.xls) are not read; save it as .xlsx or CSV"}
	case "xlsx":
		x, headers, _, err := openXLSX(fi.file, spec, j.src)
		if err != nil {
			return columnMap{}, "", err
		}
		cm, err := resolveColumns(j.path, spec, headers, j.src)
		if err != nil {
			x.close()
			return cm, x.sheet, err
		}
		x.convert = map[int]fieldType{}
		for name, i := range cm.col {
			if f, _ := spec.field(name); f.typ == tMoney || f.typ == tDate || f.typ == tTimestamp {
				x.convert[i] = f.typ
			}
		}
		return cm, x.sheet, s.stageRows(ctx, len(headers), x, x.close)
	case "parquet":
		headers, err := s.stageParquet(ctx, fi.file)
		if err != nil {
			return columnMap{}, "", &FileError{File: j.path, Reason: fmt.Sprintf("cannot be read as %s: %v", fi.format, firstLineOf(err))}
		}
		cm, err := resolveColumns(j.path, spec, headers, j.src)
		return cm, "", err
	case "jsonl":
		src, headers, err := openJSONL(ctx, fi.file, limitsOf(j.src))
		if err != nil {
			return columnMap{}, "", err
		}
		cm, err := resolveColumns(j.path, spec, headers, j.src)
		if err != nil {
			src.close()
			return cm, "", err
		}
		return cm, "", s.stageRows(ctx, len(headers), src, src.close)
	}
	delim, err := delimiterOf(fi, j.src)
	if err != nil {
		return columnMap{}, "", err
	}
	// Every CSV is read in Go, which counts physical lines as it reads
	// (DuckDB's reader tells no line: its row order is not the file's).
	rc, err := openDecoded(fi, nil)
	if err != nil {
		return columnMap{}, "", err
	}
	src, headers, err := newCSVSource(newCSVBound(rc, j.path, delim, limitsOf(j.src)), j.path, delim)
	if err != nil {
		rc.Close()
		return columnMap{}, "", err
	}
	cm, err := resolveColumns(j.path, spec, headers, j.src)
	if err != nil {
		rc.Close()
		return cm, "", err
	}
	// The parse reads the stream after this returns: the reader closes
	// the file when it is done.
	return cm, "", s.stageRows(ctx, len(headers), src, func() { rc.Close() })
}

func delimiterOf(fi fileInfo, src config.Source) (rune, error) {
	if src.Delimiter != "" {
		d := src.Delimiter
		if d == `\t` || strings.EqualFold(d, "tab") {
			d = "\t"
		}
		return []rune(d)[0], nil
	}
	if fi.format == "tsv" {
		return '\t', nil
	}
	if fi.encoding == "utf-8" || fi.encoding == "utf-8-bom" {
		return []rune(fi.delim)[0], nil
	}
	rc, err := openDecoded(fi, nil)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	n, _ := io.ReadFull(rc, buf)
	return detectDelimiter(string(buf[:n])), nil
}

func firstLineOf(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

func readRejects(ctx context.Context, s *session, file, sheet, limit string) ([]Reject, error) {
	rows, err := s.tx.QueryContext(ctx, "SELECT _line, coalesce(column_name, ''), coalesce(value, ''), reason FROM _rej ORDER BY _line, column_name"+limit)
	if err != nil {
		return nil, fmt.Errorf("reading rejects of %s: %w", file, err)
	}
	defer rows.Close()
	var out []Reject
	for rows.Next() {
		r := Reject{File: file, Sheet: sheet}
		if err := rows.Scan(&r.Line, &r.Column, &r.Value, &r.Reason); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// loadedBefore counts the loaded files of kind with that content hash,
// and gives the encoding found when one was loaded.
func loadedBefore(ctx context.Context, s *session, hash, kind string) (int, string, error) {
	var n int
	var enc sql.NullString
	err := s.tx.QueryRowContext(ctx, `SELECT count(*), any_value(encoding) FROM ingest_files
		WHERE content_hash = ? AND kind = ? AND status = 'loaded'`, hash, kind).Scan(&n, &enc)
	return n, enc.String, err
}

func insertFileRow(ctx context.Context, s *session, batch int64, fr FileReport, fi fileInfo, opt Options) error {
	_, err := s.tx.ExecContext(ctx, `INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		batch, fr.Source, fr.Kind, fr.Path, fr.Hash, fi.size, fr.Encoding, fr.Format, fr.Read, fr.Inserted, fr.Updated,
		fr.Unchanged, fr.Rejected, fr.Status, nullIfEmpty(fr.Message), opt.Now().UTC())
	if err != nil {
		return fmt.Errorf("recording file %s: %w", fr.Path, err)
	}
	return nil
}

func dropStaging(ctx context.Context, s *session) {
	_ = s.endStream()
	for _, q := range []string{"DROP VIEW IF EXISTS _valid", "DROP VIEW IF EXISTS _parsed", "DROP TABLE IF EXISTS _pt",
		"DROP TABLE IF EXISTS _merge"} {
		_, _ = s.tx.ExecContext(ctx, q)
	}
}

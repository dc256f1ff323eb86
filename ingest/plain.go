package ingest

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/salesops/salesops/config"
)

// The plain path loads a large, clean export in one pass. The general path
// (parse into a typed copy, rejects, repeated keys, merge) writes every row
// twice, and its SQL parsers cost more than DuckDB's own read. Most big
// exports are machine-written: every amount a plain decimal, every date
// ISO, every status a canonical word. For those, Go reads the file, checks
// that each cell is in a form whose meaning is not in doubt, and streams the
// rows, with their line numbers, straight into the canonical table; the
// SQL is then the same CAST the general parsers use for those forms, so the
// two paths cannot give different values (a test loads files both ways and
// compares the tables).
//
// The first cell outside those forms, or the first row a rule would reject,
// ends the plain path: what it inserted is deleted (past plainRestartRows,
// the batch starts again instead) and the file takes the general path,
// which reports rejects as usual. Repeated keys are found
// from 64-bit hashes collected in Go; only when a hash repeats does SQL
// look at the keys.

// plainLoad is one attempt at the plain path.
type plainLoad struct {
	spec   kindSpec
	cm     columnMap
	delim  byte
	lo, hi int // the survey scale
	seed   maphash.Seed
	keyCol int // file column of the key (-1: not in the file)
	cols   []plainCol
	// file columns of the fields the row rules read (-1: not in the file)
	closeCol, amountCol, customerCol, scoreCol int
	statusOut                                  int // index of status in cols
	maxCell                                    int // limits.max_cell_bytes: a longer cell leaves the plain path
	maxLine                                    int // limits.max_line_bytes, likewise a longer line

	// Found by streamPlain, before it ends the stream.
	rows     int64
	decline  string // why the file left the plain path (empty: it did not)
	repeated bool   // whether two rows may share a key (see repeats)
	keysErr  error  // why Go could not check the keys (repeated is then true)
}

// plainCol is a mapped field and its column in the file.
type plainCol struct {
	col   int
	f     field
	words map[string][]byte // for a word or yes/no field
}

func colOr(cm columnMap, name string) int {
	if i, ok := cm.col[name]; ok {
		return i
	}
	return -1
}

// maxPlainHashes bounds the repeated-key check's temporary file (8 bytes
// a key: 176 MB); past it, SQL checks the keys. It holds the 20M
// follow-ups of the L benchmark company. (When the hashes were held in
// Go's heap it bounded that; since they go to a file it has not been
// measured whether a larger bound would serve XL's 60M better.)
var maxPlainHashes int64 = 22 << 20 // a variable, so tests can pass it

// plainKinds are the kinds whose every rule the plain path knows.
var plainKinds = map[string]bool{"sales": true, "reps": true, "customers": true, "surveys": true, "followups": true, "tickets": true}

// notPlain says why a source's files may not try the plain path, or ""
// when they may: CSV of a kind whose rules the plain path knows, with no
// value mappings or date layout, and amounts in the base currency. The
// decision needs no reading, so it is made before any, and logged.
func notPlain(spec kindSpec, src config.Source, cfg config.Config, format string) string {
	e := strings.ToLower(src.Encoding)
	switch {
	case format != "csv" && format != "tsv":
		return "not CSV but " + format
	case !plainKinds[spec.name]:
		return "the plain path does not know the rules of " + spec.name + " exports"
	case len(src.Values) > 0:
		return "the source maps values (values:)"
	case src.DateLayout != "":
		return "the source has a date_layout"
	case e != "" && e != "utf-8" && e != "utf8":
		return "the source's encoding is " + src.Encoding
	case spec.name == "sales" && src.Currency != "" && src.Currency != cfg.BaseCurrency:
		return "the source's amounts are in " + src.Currency + ", not the base currency"
	}
	return ""
}

// plainFile says whether an inspected file may: presumed UTF-8, with a
// one-byte delimiter.
func plainFile(fi fileInfo, delim rune) bool {
	return fi.quick && (fi.encoding == "utf-8" || fi.encoding == "utf-8-bom") && delim < utf8.RuneSelf && delim != '"' && delim != '\n' && delim != '\r'
}

// newPlainLoad maps the header line; why says what leaves the file to the
// general path (a header it should judge, a currency column).
func newPlainLoad(path string, spec kindSpec, src config.Source, cfg config.Config, delim byte, headerLine []byte) (pl *plainLoad, why string, err error) {
	headerLine = bytes.TrimPrefix(trimEOL(headerLine), []byte("\ufeff"))
	if len(headerLine) == 0 || bytes.IndexByte(headerLine, '\r') >= 0 || bytes.IndexByte(headerLine, 0) >= 0 || !utf8.Valid(headerLine) {
		return nil, "the header line is not plain UTF-8", nil
	}
	cells, ok := splitPlain(headerLine, delim, nil)
	if !ok {
		return nil, "the header line is not a plain record", nil
	}
	headers := make([]string, len(cells))
	seen := map[string]bool{}
	for i, c := range cells {
		h := string(c)
		headers[i] = h
		if h == "" || seen[h] || trimSpace(h) != h {
			return nil, "an empty, repeated or padded column name", nil
		}
		seen[h] = true
	}
	cm, err := resolveColumns(path, spec, headers, src)
	if err != nil {
		return nil, "", err
	}
	lim := limitsOf(src)
	pl = &plainLoad{spec: spec, cm: cm, delim: delim, seed: maphash.MakeSeed(), lo: 1, hi: 5,
		maxCell: int(lim.MaxCellBytes), maxLine: int(lim.MaxLineBytes)}
	if cfg.Metrics.SurveyScale == 10 {
		pl.lo, pl.hi = 0, 10
	}
	if _, ok := cm.col["currency"]; ok {
		return nil, "a currency column", nil
	}
	// A follow-up file may lack the id column, and any row the id: such a
	// row's key is derived from its content in SQL (plan.derived), so the
	// Go check of repeated keys is left to SQL (see plainSource.record).
	pl.keyCol = colOr(cm, spec.key[0])
	pl.closeCol, pl.amountCol, pl.customerCol, pl.scoreCol = colOr(cm, "close_date"), colOr(cm, "amount"), colOr(cm, "customer_id"), colOr(cm, "score")
	for _, f := range spec.fields {
		if i, ok := cm.col[f.name]; ok {
			if f.name == "status" {
				pl.statusOut = len(pl.cols)
			}
			pc := plainCol{col: i, f: f}
			switch f.typ {
			case tWord:
				pc.words = wordBytes(words[f.name])
			case tBool:
				pc.words = wordBytes(boolWords)
			}
			pl.cols = append(pl.cols, pc)
		}
	}
	return pl, "", nil
}

// schema is _line and the mapped fields as text, in spec order.
func (pl *plainLoad) schema() *arrow.Schema {
	fs := []arrow.Field{{Name: "_line", Type: arrow.PrimitiveTypes.Int64}}
	for _, f := range pl.spec.fields {
		if _, ok := pl.cm.col[f.name]; ok {
			fs = append(fs, arrow.Field{Name: "f_" + f.name, Type: plainType(f.typ), Nullable: true})
		}
	}
	return arrow.NewSchema(fs, nil)
}

// plainType is the Arrow type a field's values are sent as: typed values
// are converted in Go (the forms are simple), which spares DuckDB a cast.
func plainType(t fieldType) arrow.DataType {
	switch t {
	case tMoney:
		return &arrow.Decimal128Type{Precision: 18, Scale: 2}
	case tDate:
		return arrow.FixedWidthTypes.Date32
	case tTimestamp:
		// No zone: DuckDB reads it as TIMESTAMP, the wall time the general
		// path stores.
		return &arrow.TimestampType{Unit: arrow.Microsecond}
	case tInt:
		return arrow.PrimitiveTypes.Int32
	case tBool:
		return arrow.FixedWidthTypes.Boolean
	}
	return arrow.BinaryTypes.String
}

// viewSQL exposes the stream as _parsed, with the columns validSQL reads.
func (pl *plainLoad) viewSQL(p plan) string {
	cols := []string{"_line"}
	for _, f := range pl.spec.fields {
		r := "f_" + f.name
		if _, ok := pl.cm.col[f.name]; !ok {
			cols = append(cols, p.value(f, "CAST(NULL AS VARCHAR)")+" AS v_"+f.name)
			continue
		}
		cols = append(cols, r+" AS v_"+f.name)
	}
	if pl.spec.name == "sales" {
		cols = append(cols, lit(p.base())+" AS _cur")
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM _arrow_plain"
	if pl.spec.name == "followups" {
		// The key the general path gives a follow-up, from the same values.
		q = "SELECT *, " + p.derived()[0] + " FROM (" + q + ")"
	}
	return "CREATE OR REPLACE TEMP VIEW _parsed AS " + q
}

// row checks one record and sets out to the text of each mapped field, in
// spec order (nil for an empty cell), and nums to the value of a typed one
// (cents, days or microseconds since 1970, a whole number, 1 for true), or
// returns a reason
// it is not plain. blank reports a record whose every cell is empty, which
// both paths skip.
func (pl *plainLoad) row(cells, out [][]byte, nums []int64, scratch *[]byte) (blank bool, why string) {
	blank = true
	for _, c := range cells {
		if len(c) > 0 {
			blank = false
			if len(c) > pl.maxCell {
				return false, "a cell above limits.max_cell_bytes"
			}
			if trimEdge(c) {
				return false, fmt.Sprintf("value %q has spaces around it", c)
			}
		}
	}
	if blank {
		return true, ""
	}
	for k, pc := range pl.cols {
		c := cells[pc.col]
		out[k] = nil
		if len(c) == 0 {
			if pc.f.required {
				return false, "missing " + pc.f.name
			}
			continue
		}
		ok := true
		switch pc.f.typ {
		case tMoney:
			nums[k], ok = plainMoney(c)
		case tDate:
			nums[k], ok = plainDate(c)
		case tTimestamp:
			nums[k], ok = plainTimestamp(c)
		case tInt:
			nums[k], ok = plainInt(c)
		case tWord:
			c, ok = word(pc.words, c, scratch)
		case tBool:
			c, ok = word(pc.words, c, scratch)
			nums[k] = 0
			if ok && string(c) == "true" {
				nums[k] = 1
			}
		}
		if !ok {
			return false, fmt.Sprintf("%s %q is not in a plain form", pc.f.name, cells[pc.col])
		}
		out[k] = c
	}
	return false, pl.rules(cells, out)
}

// rules are the row rules of checks(), for the kinds of plainKinds.
func (pl *plainLoad) rules(cells, out [][]byte) string {
	has := func(col int) bool { return col >= 0 && len(cells[col]) > 0 }
	switch pl.spec.name {
	case "sales":
		status := string(out[pl.statusOut])
		if (status == "won" || status == "lost") && !has(pl.closeCol) {
			return "a deal without a close_date"
		}
		if (status == "won" || (status == "cancelled" && has(pl.closeCol))) && (!has(pl.amountCol) || !has(pl.customerCol)) {
			return "a deal without an amount or customer"
		}
	case "surveys":
		n, _ := strconv.Atoi(string(cells[pl.scoreCol]))
		if n < pl.lo || n > pl.hi {
			return "a score outside the scale"
		}
	}
	return ""
}

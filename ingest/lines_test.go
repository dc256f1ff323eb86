package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/config"
)

// lineKind is how the line tests write one kind: its columns, the cells
// of key k written on line (the line is carried in a marker cell, so the
// kept values say which record they came from), and the SQL of the key
// and the marker in its table.
type lineKind struct {
	kind    string
	cols    []string
	cells   func(k int, line int64, extra string) []string
	keyText func(k int) string
	keySQL  string
	markSQL string
	// required is the column a bad record leaves empty.
	required int
}

var fxCodes = []string{"USD", "EUR", "HKD", "JPY", "GBP"}

var lineKinds = []lineKind{
	{"reps", []string{"rep_id", "name", "team"},
		func(k int, l int64, x string) []string { return []string{fmt.Sprintf("R%03d", k), mark(l), x} },
		func(k int) string { return fmt.Sprintf("R%03d", k) }, "rep_id", "name", 0},
	{"customers", []string{"customer_id", "company_name", "contact_name"},
		func(k int, l int64, x string) []string { return []string{fmt.Sprintf("C%03d", k), mark(l), x} },
		func(k int) string { return fmt.Sprintf("C%03d", k) }, "customer_id", "company_name", 0},
	{"sales", []string{"deal_id", "rep_id", "customer_id", "status", "amount", "close_date", "product"},
		func(k int, l int64, x string) []string {
			return []string{fmt.Sprintf("D%03d", k), x, "C1", "won", fmt.Sprintf("%d.50", k), "2026-03-05", mark(l)}
		},
		func(k int) string { return fmt.Sprintf("D%03d", k) }, "deal_id", "product", 0},
	{"followups", []string{"followup_id", "customer_id", "rep_id", "followup_at", "content", "result"},
		func(k int, l int64, x string) []string {
			return []string{fmt.Sprintf("F%03d", k), "C1", "R1", "2026-03-05 10:00", mark(l), x}
		},
		func(k int) string { return fmt.Sprintf("F%03d", k) }, "followup_id", "content", 1},
	{"surveys", []string{"survey_id", "customer_id", "survey_date", "score", "comment", "rep_id"},
		func(k int, l int64, x string) []string {
			return []string{fmt.Sprintf("S%03d", k), "C1", "2026-03-05", strconv.Itoa(1 + k%5), mark(l), x}
		},
		func(k int) string { return fmt.Sprintf("S%03d", k) }, "survey_id", "comment", 0},
	{"tickets", []string{"ticket_id", "customer_id", "opened_at", "rep_id"},
		func(k int, l int64, x string) []string {
			return []string{fmt.Sprintf("T%03d", k), x, "2026-03-05 10:00", mark(l)}
		},
		func(k int) string { return fmt.Sprintf("T%03d", k) }, "ticket_id", "rep_id", 0},
	{"fx_rates", []string{"currency", "month", "rate"},
		func(k int, l int64, _ string) []string {
			return []string{fxCodes[k%5], fmt.Sprintf("2026-%02d", k/5+1), fmt.Sprintf("7.%06d", l)}
		},
		func(k int) string { return fmt.Sprintf("%s/2026-%02d", fxCodes[k%5], k/5+1) },
		"currency || '/' || month", "'m' || CAST(round((rate - 7) * 1000000) AS BIGINT)", 0},
}

func mark(line int64) string { return "m" + strconv.FormatInt(line, 10) }

// lineFile is one generated export: its bytes, for every key the lines
// (or sheet rows) it was written on, in order, and the reject of its bad
// record, if it has one (line, column, reason).
type lineFile struct {
	data   []byte
	lines  map[string][]int64
	reject []string
}

// writeLineFile writes rows records of lk with keys 0..keys-1 (each at
// least once, some repeated) in a random order: format csv, tsv, xlsx or
// jsonl.
// With odd set, CSV may have blank lines and quoted cells spanning lines,
// and XLSX a title row and empty rows, all of which move the lines; and
// one more record, anywhere, lacks a required field.
func writeLineFile(t *testing.T, r *rand.Rand, lk lineKind, format string, keys, rows int, odd bool, status string) lineFile {
	t.Helper()
	order := make([]int, 0, rows)
	for k := range keys {
		order = append(order, k)
	}
	for len(order) < rows {
		order = append(order, r.IntN(keys))
	}
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	bad := -1
	if odd {
		bad = r.IntN(len(order) + 1)
		order = slices.Insert(order, bad, r.IntN(keys))
	}
	i := -1
	lf := lineFile{lines: map[string][]int64{}}
	extra := func() string {
		x := "客户跟进记录"
		if odd && lk.kind != "fx_rates" && r.IntN(4) == 0 {
			x += "\n第二行\n第三行"
		}
		return x
	}
	cells := func(k int, l int64) []string {
		c := lk.cells(k, l, extra())
		if status != "" && lk.kind == "sales" {
			c[3] = status
		}
		if i++; i == bad {
			c[lk.required] = ""
			lf.reject = []string{strconv.FormatInt(l, 10), lk.cols[lk.required], "missing " + lk.cols[lk.required]}
			return c
		}
		lf.lines[lk.keyText(k)] = append(lf.lines[lk.keyText(k)], l)
		return c
	}
	if format == "xlsx" {
		f := excelize.NewFile()
		defer f.Close()
		row := 1
		if odd {
			mustDo(f.SetSheetRow("Sheet1", "A1", &[]any{"An export with a title row"}))
			row = 3
		}
		mustDo(f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", row), ptr(anys(lk.cols))))
		for _, k := range order {
			row++
			if odd && r.IntN(10) == 0 {
				row++ // an empty row
			}
			mustDo(f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", row), ptr(anys(cells(k, int64(row))))))
		}
		var b bytes.Buffer
		mustDo(f.Write(&b))
		lf.data = b.Bytes()
		return lf
	}
	var b bytes.Buffer
	if format == "jsonl" {
		line := int64(1)
		for _, k := range order {
			if odd && r.IntN(10) == 0 {
				b.WriteString("\n")
				line++
			}
			rec := map[string]string{}
			for i, c := range cells(k, line) {
				rec[lk.cols[i]] = c
			}
			b.Write(must(json.Marshal(rec)))
			b.WriteString("\n")
			line++
		}
		lf.data = b.Bytes()
		return lf
	}
	w := csv.NewWriter(&b)
	if format == "tsv" {
		w.Comma = '\t'
	}
	mustDo(w.Write(lk.cols))
	line := int64(2)
	for _, k := range order {
		if odd && r.IntN(10) == 0 {
			w.Flush()
			b.WriteString("\n")
			line++
		}
		c := cells(k, line)
		mustDo(w.Write(c))
		line += 1 + int64(strings.Count(strings.Join(c, ""), "\n"))
	}
	w.Flush()
	lf.data = b.Bytes()
	return lf
}

func anys(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// encode turns UTF-8 text into enc.
func encode(t *testing.T, data []byte, enc string) []byte {
	switch enc {
	case "gb18030":
		return gbk(t, string(data))
	case "utf-16le":
		return utf16le(t, string(data))
	case "utf-8-bom":
		return append([]byte("\ufeff"), data...)
	}
	return data
}

// For random files with repeated keys, of every kind, encoding and format,
// loaded by the plain path (an empty table) and by the general path (a
// table with rows, values mapped): the row kept for a key is its last
// occurrence, its _line is the physical line (sheet row) that occurrence
// starts on, and every repeated-key warning names an earlier line and the
// winning one. SALESOPS_LINES_SEED replays a seed.
func TestRepeatedKeysKeepTheLastLine(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("SALESOPS_LINES_SEED"); s != "" {
		seed = must(strconv.ParseUint(s, 10, 64))
	}
	t.Logf("seed %d (SALESOPS_LINES_SEED=%d replays it)", seed, seed)
	r := rand.New(rand.NewPCG(seed, 0))
	for _, c := range []struct{ format, enc string }{
		{"csv", "utf-8"}, {"csv", "utf-8-bom"}, {"csv", "gb18030"}, {"csv", "utf-16le"},
		{"tsv", "utf-8"}, {"tsv", "gb18030"}, {"xlsx", ""}, {"jsonl", "utf-8"},
	} {
		if testing.Short() && (c.enc == "utf-8-bom" || c.format == "tsv") {
			continue // -short: one of each kind of reader
		}
		for _, general := range []bool{false, true} {
			name := fmt.Sprintf("%s-%s-plain", c.format, c.enc)
			if general {
				name = strings.Replace(name, "plain", "general", 1)
			}
			t.Run(name, func(t *testing.T) {
				checkLines(t, r, c.format, c.enc, general)
			})
		}
	}
}

func checkLines(t *testing.T, r *rand.Rand, format, enc string, general bool) {
	dir := t.TempDir()
	ctx := context.Background()
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	const keys = 40
	if general {
		// A first batch puts rows in every table, two of whose keys come
		// again: the general path merges.
		var sources []config.Source
		for _, lk := range lineKinds {
			var b strings.Builder
			cw := csv.NewWriter(&b)
			mustDo(cw.Write(lk.cols))
			for i, k := range []int{0, 1, keys, keys + 1} {
				// Markers no line of the main file has, so every row
				// differs from the version it replaces.
				mustDo(cw.Write(lk.cells(k, int64(900000+i), "x")))
			}
			cw.Flush()
			p := writeFile(t, dir, "before/"+lk.kind+".csv", []byte(b.String()))
			sources = append(sources, config.Source{Name: lk.kind, Kind: lk.kind, Path: p})
		}
		if _, err := Ingest(ctx, w, testConfig(t, dir, sources...), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	var sources []config.Source
	files := map[string]lineFile{}
	wantPlain := 0
	for _, lk := range lineKinds {
		odd := r.IntN(2) == 0
		if !odd && !general && plainKinds[lk.kind] && (format == "csv" || format == "tsv") && (enc == "utf-8" || enc == "utf-8-bom") {
			wantPlain++
		}
		half := config.D("0.5")
		src := config.Source{Name: lk.kind, Kind: lk.kind, RejectThreshold: &half}
		status := ""
		if general && lk.kind == "sales" {
			status, src.Values = "签了", map[string]map[string]string{"status": {"签了": "won"}}
		}
		lf := writeLineFile(t, r, lk, format, keys, keys+keys/2, odd, status)
		ext := format
		src.Path = writeFile(t, dir, "in/"+lk.kind+"."+ext, encode(t, lf.data, enc))
		files[lk.kind] = lf
		sources = append(sources, src)
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rep, err := Ingest(ctx, w, testConfig(t, dir, sources...), Options{Log: log})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(logs.String(), `msg="plain path" `); got != wantPlain {
		t.Errorf("the plain path loaded %d files; want %d", got, wantPlain)
	}
	for _, lk := range lineKinds {
		lf := files[lk.kind]
		var wantRej [][]string
		if lf.reject != nil {
			wantRej = append(wantRej, lf.reject)
		}
		gotRej := queryStrings(t, w.DB, "SELECT line, column_name, reason FROM rejects WHERE kind = ? AND batch_id = ?", specs[lk.kind].name, rep.Batch)
		if d := cmp.Diff(wantRej, gotRej); d != "" {
			t.Errorf("%s: rejects (-want +got):\n%s", lk.kind, d)
		}
		var want, wantWarn [][]string
		for key, ls := range lf.lines {
			last := ls[len(ls)-1]
			want = append(want, []string{key, strconv.FormatInt(last, 10), mark(last)})
			for _, l := range ls[:len(ls)-1] {
				wantWarn = append(wantWarn, []string{strconv.FormatInt(l, 10), key,
					fmt.Sprintf("key %s appears on line %d and again on line %d; line %d wins", key, l, last, last)})
			}
		}
		got := queryStrings(t, w.DB, fmt.Sprintf("SELECT %s, _line, %s FROM %s WHERE _batch = ?", lk.keySQL, lk.markSQL, ident(specs[lk.kind].table)), rep.Batch)
		if d := cmp.Diff(sortRows(want), sortRows(got)); d != "" {
			t.Errorf("%s: rows kept (-want +got):\n%s", lk.kind, d)
		}
		gotWarn := queryStrings(t, w.DB, "SELECT line, row_key, message FROM ingest_warnings WHERE kind = ? AND batch_id = ?", specs[lk.kind].name, rep.Batch)
		if d := cmp.Diff(sortRows(wantWarn), sortRows(gotWarn)); d != "" {
			t.Errorf("%s: repeated-key warnings (-want +got):\n%s", lk.kind, d)
		}
	}
}

func sortRows(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, " | ")
	}
	slices.Sort(out)
	return out
}

func mustDo(err error) {
	if err != nil {
		panic(err)
	}
}

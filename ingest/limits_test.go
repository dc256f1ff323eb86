package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// Every limit of a text export, on each way a file is read: DuckDB's
// reader (a simple file, checked while inspected), the Go reader (quoted
// line breaks, another encoding), and the header check before both.
func TestTextLimits(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	long := strings.Repeat("x", 3000)
	wide := func(n int) string {
		cols := make([]string, n)
		for i := range cols {
			cols[i] = fmt.Sprintf("c%d", i)
		}
		return strings.Join(cols, ",")
	}
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().String("rep_id,name\nR1,王" + long + "\n")
	for _, tc := range []struct {
		name, body string
		lim        config.Limits
		setting    string
		line       int64
	}{
		{"long cell, simple file", "rep_id,name\nR1,\"" + long + "\"\n", config.Limits{MaxCellBytes: 1000}, "max_cell_bytes", 2},
		{"long line, simple file", "rep_id,name\nR1,Ann\nR2," + long + "\n", config.Limits{MaxLineBytes: 1000, MaxCellBytes: 1 << 20}, "max_line_bytes", 3},
		{"long cell across lines", "rep_id,name\nR1,\"a\n" + long + "\"\n", config.Limits{MaxCellBytes: 1000}, "max_cell_bytes", 2},
		{"quote never closed", "rep_id,name\nR1,\"a\n" + strings.Repeat("b,c\n", 500), config.Limits{MaxLineBytes: 1000}, "max_line_bytes", 2},
		{"another encoding", gbk, config.Limits{MaxCellBytes: 1000}, "max_cell_bytes", 2},
		{"wide header", wide(50) + "\nR1\n", config.Limits{MaxColumns: 20}, "max_columns", 1},
		{"wide row", "rep_id,name\nR1,Ann\n" + wide(50) + "\n", config.Limits{MaxColumns: 20}, "max_columns", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, strings.ReplaceAll(tc.name, " ", "_")+".csv", []byte(tc.body))
			_, _, err := Validate(context.Background(), p, "reps", config.Source{Limits: tc.lim}, cfg, Options{})
			checkLimitError(t, err, p, tc.setting, tc.line)
		})
	}
}

func checkLimitError(t *testing.T, err error, file, setting string, line int64) {
	t.Helper()
	var le *LimitError
	if !errors.As(err, &le) || !errors.Is(err, faults.ErrData) {
		t.Fatalf("err = %v; want a LimitError (exit 3)", err)
	}
	if le.Setting == "max_cell_bytes" && le.Column != "name" {
		t.Errorf("refused column %q, want name: %v", le.Column, err)
	}
	if le.File != file || le.Setting != setting || le.Line != line {
		t.Errorf("refused %s line %d by %s, want %s line %d by %s: %v", le.File, le.Line, le.Setting, file, line, setting, err)
	}
	if msg := err.Error(); !strings.Contains(msg, "limits."+setting) || len(msg) > 400 {
		t.Errorf("message %q should be short and name limits.%s", msg, setting)
	}
}

// The plain path leaves a file with a cell over the limit to the general
// path, which refuses it.
func TestPlainPathKeepsTheLimits(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "reps.csv", []byte("rep_id,name\nR1,Ann\nR2,"+strings.Repeat("y", 3000)+"\n"))
	cfg := testConfig(t, dir, config.Source{Name: "roster", Kind: "reps", Path: p, Limits: config.Limits{MaxCellBytes: 1000}})
	w := openWarehouse(t, filepath.Join(dir, "wh.duckdb"))
	_, err := Ingest(context.Background(), w, cfg, Options{})
	checkLimitError(t, err, p, "max_cell_bytes", 3)
}

// Workbooks are refused by what their parts really unzip to, before
// excelize reads them, and by the width of a row.
func TestXLSXLimits(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	book := func(name string, rows [][]any) string {
		f := excelize.NewFile()
		defer f.Close()
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
				t.Fatal(err)
			}
		}
		p := filepath.Join(dir, name)
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var many [][]any
	many = append(many, []any{"rep_id", "name"})
	for i := range 5000 {
		many = append(many, []any{fmt.Sprintf("R%d", i), fmt.Sprintf("name %d %x", i, i*7919)})
	}
	same := [][]any{{"rep_id", "name"}}
	for range 20000 {
		same = append(same, []any{"R1", "Ann"})
	}
	wideRow := []any{"rep_id", "name"}
	for i := range 30 {
		wideRow = append(wideRow, fmt.Sprintf("c%d", i))
	}
	for _, tc := range []struct {
		name    string
		path    string
		lim     config.Limits
		setting string
	}{
		{"inflate ratio", book("same.xlsx", same), config.Limits{MaxInflateRatio: 10}, "max_inflate_ratio"},
		{"unzipped size", book("many.xlsx", many), config.Limits{MaxUnzippedBytes: 64 << 10}, "max_unzipped_bytes"},
		{"long value", book("long.xlsx", [][]any{{"rep_id", "name"}, {"R1", strings.Repeat("z", 3000)}}), config.Limits{MaxCellBytes: 1000}, "max_cell_bytes"},
		{"wide row", book("wide.xlsx", [][]any{wideRow}), config.Limits{MaxColumns: 20}, "max_columns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Validate(context.Background(), tc.path, "reps", config.Source{Limits: tc.lim}, cfg, Options{})
			var le *LimitError
			if !errors.As(err, &le) || le.Setting != tc.setting || !errors.Is(err, faults.ErrData) {
				t.Fatalf("err = %v; want a LimitError by %s", err, tc.setting)
			}
			if !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), "limits."+tc.setting) {
				t.Errorf("message %q should name the file and limits.%s", err, tc.setting)
			}
		})
	}
	// What excelize would hold in memory is bounded apart.
	defer func(n int64) { maxHeldParts = n }(maxHeldParts)
	maxHeldParts = 16 << 10
	_, _, err := Validate(context.Background(), filepath.Join(dir, "many.xlsx"), "reps", config.Source{}, cfg, Options{})
	if le := (*LimitError)(nil); !errors.As(err, &le) || le.Setting != "" || !strings.Contains(err.Error(), "fixed limit of 16KiB") {
		t.Errorf("parts held in memory: err = %v, want the fixed limit", err)
	}
	maxHeldParts = 128 << 20
	// The defaults read an ordinary workbook.
	if _, _, err := Validate(context.Background(), filepath.Join(dir, "many.xlsx"), "reps", config.Source{}, cfg, Options{}); err != nil {
		t.Errorf("an ordinary workbook is refused: %v", err)
	}
}

// A rejected value is stored and shown capped, and a name or id with a NUL
// byte is rejected; a file of many columns is named in a short error.
func TestRejectsAreCappedAndNULRejected(t *testing.T) {
	dir := t.TempDir()
	huge := strings.Repeat("9", 5000) + "x"
	p := writeFile(t, dir, "sales.csv", []byte("deal_id,rep_id,customer_id,status,amount,close_date\nD1,R1,C1,won,"+huge+",2026-01-02\nD2,R1,C1,won,5,2026-01-02\n"))
	all := config.D("1")
	cfg := testConfig(t, dir, config.Source{Name: "s", Kind: "sales", Path: p, RejectThreshold: &all})
	w := openWarehouse(t, filepath.Join(dir, "wh.duckdb"))
	if _, err := Ingest(context.Background(), w, cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, w.DB, "SELECT value FROM rejects")
	if len(got) != 1 || len([]rune(got[0][0])) != maxShown+1 || !strings.HasSuffix(got[0][0], "…") {
		t.Errorf("stored reject value %.40q… of %d characters, want %d and an ellipsis", got, len([]rune(got[0][0])), maxShown+1)
	}
	if s := (Reject{Line: 2, Value: huge, Reason: "r"}).String(); len(s) > 300 {
		t.Errorf("a reject prints as %d bytes", len(s))
	}

	n := writeFile(t, dir, "reps.csv", []byte("rep_id,name\nR1,An\x00n\nR\x002,Bo\nR3,Cy\n"))
	_, rejects, _ := Validate(context.Background(), n, "reps", config.Source{}, testConfig(t, dir), Options{})
	want := map[string]string{"name": "An␀n", "rep_id": "R␀2"}
	for _, r := range rejects {
		if want[r.Column] == r.Value && r.Reason == reasonNUL {
			delete(want, r.Column)
		}
	}
	if len(want) > 0 {
		t.Errorf("no NUL reject for %v; rejects %v", want, rejects)
	}

	cols := make([]string, 3000)
	for i := range cols {
		cols[i] = fmt.Sprintf("column number %d", i)
	}
	wide := writeFile(t, dir, "wide.csv", []byte(strings.Join(cols, ",")+"\n"))
	_, _, err := Validate(context.Background(), wide, "reps", config.Source{Limits: config.Limits{MaxColumns: 5000}}, testConfig(t, dir), Options{})
	if err == nil || len(err.Error()) > 2000 || !strings.Contains(err.Error(), "and 2970 more") {
		t.Errorf("missing columns of a wide file: %d bytes: %.300v", len(fmt.Sprint(err)), err)
	}
}

package reports_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/internal/cli"
)

// TestDemoChineseHasNoEnglish writes the demo's October 2026 reports in
// zh-CN (dashboard, scorecards, bonus workbook, every statement, the
// Q3 audit, the index) and reads every word a reader sees back: none may
// be a missing catalog key, and none may be English but the data's own
// words, ids and the few terms read as they are (zhReadAsIs).
func TestDemoChineseHasNoEnglish(t *testing.T) {
	if testing.Short() {
		t.Skip("writes the demo company twice (about 30 seconds)")
	}
	out := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := cli.Run(context.Background(), args, nil, &stdout, &stderr); code != 0 {
			t.Fatalf("salesops %s exited %d: %s", strings.Join(args, " "), code, stderr.String())
		}
	}
	run("--quiet", "demo", "--out", out, "--as-of", "2026-11-15")
	cfg := filepath.Join(out, "salesops.yaml")
	f, err := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("language: zh-CN\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	run("--quiet", "--config", cfg, "run", "quarterly-audit", "--period", "2026-Q3")
	run("--quiet", "--config", cfg, "run", "monthly-bonus", "--period", "2026-10")
	run("--quiet", "--config", cfg, "statements", "--period", "2026-10")

	data := demoDataWords(t, filepath.Join(out, "salesops.duckdb"))
	dir := filepath.Join(out, "reports")
	files := []string{"index.html", "2026-10/dashboard-2026-10.html", "2026-10/scorecards-2026-10.xlsx",
		"2026-10/bonus-2026-10.xlsx", "2026-Q3/audit-2026-Q3.html", "2026-Q3/audit-2026-Q3.xlsx"}
	stmts, _ := filepath.Glob(filepath.Join(dir, "2026-10", "statements", "statement-*"))
	if len(stmts) < 2 {
		t.Fatalf("%d statement files", len(stmts))
	}
	for _, s := range stmts {
		rel, _ := filepath.Rel(dir, s)
		files = append(files, rel)
	}
	build := buildinfo.Read().Label()
	all := map[string]string{}
	for _, name := range files {
		var texts []string
		if strings.HasSuffix(name, ".xlsx") {
			texts = xlsxTexts(t, filepath.Join(dir, name))
		} else {
			texts = htmlTexts(t, filepath.Join(dir, name))
		}
		var b strings.Builder
		for _, s := range texts {
			b.WriteString(strings.ReplaceAll(s, build, " "))
			b.WriteString("\n")
		}
		all[name] = b.String()
		for _, w := range englishWords(b.String(), data) {
			t.Errorf("%s: English %q", name, w)
		}
		if i := strings.Index(b.String(), i18n.MissingMark); i >= 0 {
			t.Errorf("%s: a key the catalog lacks: %.60s", name, b.String()[i:])
		}
	}
	// The data's words the demo holds, shown translated where they were
	// English: a reject reason and a warning code in the notes and the
	// workbook, an export kind in a finding, the reps missing from the
	// roster and those no record names.
	for _, tt := range []struct{ file, want string }{
		{"2026-10/dashboard-2026-10.html", "销售：不是日期"},
		{"2026-10/dashboard-2026-10.html", "销售：重复的键"},
		{"2026-10/dashboard-2026-10.html", "名册外销售"},
		{"2026-10/bonus-2026-10.xlsx", "重复的键"},
		{"2026-10/bonus-2026-10.xlsx", "以第"},
		{"2026-Q3/audit-2026-Q3.html", "评分 7 超出 1–5 分的范围"},
		{"2026-Q3/audit-2026-Q3.html", "跟进记录 F"},
		{"2026-Q3/audit-2026-Q3.html", "未归属"},
		{"2026-Q3/audit-2026-Q3.xlsx", "被拒绝的问卷记录"},
	} {
		if !strings.Contains(all[tt.file], tt.want) {
			t.Errorf("%s does not say %q", tt.file, tt.want)
		}
	}
}

// zhReadAsIs are the Latin words a Chinese report may show: the product
// and the commands a reader types (salesops audit ack/waive, approve),
// Excel, and the reserved rep ids of rep_dim.sql, which are ids shown
// beside their translated label (unknown 名册外销售).
var zhReadAsIs = map[string]bool{"salesops": true, "audit": true, "ack": true, "waive": true, "approve": true,
	"Excel": true, "x": true, "unknown": true, "unattributed": true}

// latinRun is a run of letters, digits and the characters ids, paths,
// flags and keys are made of.
var latinRun = regexp.MustCompile(`[A-Za-z0-9_\-./:@&'’]+`)

var placeholder = regexp.MustCompile(`\{\w+\}`)

// englishWords are the words of text that are English: a run of letters
// (trailing punctuation aside) with a lower-case letter, not an id (a
// digit, a dot, a slash, an underscore or a flag's dashes in it), not in
// the data and not read as is.
func englishWords(text string, data map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	text = placeholder.ReplaceAllString(text, " ") // the script fills {shown} in
	for _, run := range latinRun.FindAllString(text, -1) {
		w := strings.TrimRight(run, ".:,;'’")
		if w == "" || strings.ContainsAny(w, "0123456789_./:@&") || strings.HasPrefix(w, "-") {
			continue
		}
		if strings.ToUpper(w) == w || data[w] || zhReadAsIs[w] || seen[w] {
			continue // an acronym or currency code, the data's, or known
		}
		allData := true
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '\'' || r == '’' }) {
			allData = allData && (data[part] || strings.ToUpper(part) == part)
		}
		if allData {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// demoDataWords are the Latin words of every text value of the exports
// loaded (names, ids, notes, files, the rejected values), which a report
// shows as the data says them; the stored English of ingest (reject
// reasons, warning codes and messages, kinds) is left out, since the
// report must translate it.
func demoDataWords(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = 'main' AND data_type = 'VARCHAR'
		  AND table_name IN ('reps', 'customers', 'deals', 'followups', 'surveys', 'tickets', 'rejects', 'ingest_warnings', 'ingest_batches')
		  AND column_name NOT IN ('reason', 'code', 'message', 'kind', 'status')`)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var c [2]string
		if err := rows.Scan(&c[0], &c[1]); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if len(cols) < 10 {
		t.Fatalf("only %d text columns of the exports: %v", len(cols), cols)
	}
	words := map[string]bool{}
	letters := regexp.MustCompile(`[A-Za-z]+`)
	for _, c := range cols {
		q := `SELECT DISTINCT "` + c[1] + `" FROM "` + c[0] + `" WHERE regexp_matches("` + c[1] + `", '[A-Za-z]')`
		vs, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for vs.Next() {
			var v string
			if err := vs.Scan(&v); err != nil {
				t.Fatal(err)
			}
			for _, w := range letters.FindAllString(html.UnescapeString(v), -1) {
				words[w] = true
			}
		}
		if err := vs.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return words
}

// htmlTexts are what a reader of the page sees: its text and titles, the
// labels its scripts write, and the names and titles in its charts'
// options. Scripts and styles are not text.
func htmlTexts(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<script type="application/json"[^>]*>(.*?)</script>`).FindAllStringSubmatch(page, -1) {
		var d struct{ L map[string]string }
		if err := json.Unmarshal([]byte(m[1]), &d); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, s := range d.L {
			out = append(out, s)
		}
	}
	chartText := regexp.MustCompile(`"(?:name|text|subtext)":"((?:[^"\\]|\\.)*)"`)
	for _, m := range regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(page, -1) {
		if strings.Contains(m[1], "var specs") {
			for _, s := range chartText.FindAllStringSubmatch(m[1], -1) {
				var v string
				if json.Unmarshal([]byte(`"`+s[1]+`"`), &v) == nil {
					out = append(out, v)
				}
			}
		}
	}
	for _, m := range regexp.MustCompile(`\s(?:title|placeholder|aria-label)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	page = regexp.MustCompile(`(?s)<(script|style)[^>]*>.*?</(script|style)>`).ReplaceAllString(page, " ")
	page = regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(page, " ")
	return append(out, html.UnescapeString(page))
}

// xlsxTexts are a workbook's sheet names, cell texts and chart texts, read
// from its parts (the headers and footers name fonts and fields, not
// words).
func xlsxTexts(t *testing.T, path string) []string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	texts := regexp.MustCompile(`<(?:t|a:t|c:v)(?:\s[^>]*)?>([^<]*)</(?:t|a:t|c:v)>`)
	sheetName := regexp.MustCompile(`<sheet [^>]*name="([^"]*)"`)
	var out []string
	for _, f := range z.File {
		n := f.Name
		if n != "xl/workbook.xml" && n != "xl/sharedStrings.xml" && !strings.HasPrefix(n, "xl/worksheets/sheet") && !strings.HasPrefix(n, "xl/charts/chart") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		x := string(b)
		if strings.HasPrefix(n, "xl/worksheets/") {
			x = regexp.MustCompile(`(?s)<headerFooter.*?</headerFooter>|<f>[^<]*</f>`).ReplaceAllString(x, "")
		}
		for _, m := range append(texts.FindAllStringSubmatch(x, -1), sheetName.FindAllStringSubmatch(x, -1)...) {
			out = append(out, html.UnescapeString(m[1]))
		}
	}
	return out
}

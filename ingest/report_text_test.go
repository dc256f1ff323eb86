package ingest

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/salesops/salesops/i18n"
)

// textReports are one report of each kind the text writer knows (loaded,
// rolled back, validated), each with every paragraph it can print.
func textReports() map[string]Report {
	files := []FileReport{
		{Path: "drop/reps/reps.csv", Kind: "reps", Status: "loaded", Read: 3, Inserted: 3},
		{Path: "drop/sales/b.csv", Kind: "sales", Status: "failed", Read: 2, Rejected: 2},
		{Path: "drop/sales/c.csv", Kind: "sales", Status: "skipped", Read: 1, Unchanged: 1},
		{Path: "drop/sales/d.csv", Kind: "sales", Status: StatusNotRead},
	}
	extras := func(r Report) Report {
		r.Files = files
		r.TopReasons = []ReasonCount{{Reason: "not a date", Count: 2}}
		r.Warnings = 1
		r.NotRead = []NotRead{{Source: "sales", Path: "drop/sales/x", Why: "a FIFO"}}
		r.Empty = []EmptySource{{Source: "surveys", Kind: "surveys", Path: "drop/surveys/*.csv"}}
		r.Missing = []string{"reps", "sales"}
		r.FailedSources = []SourceFailure{{Source: "fx", Error: "source fx: HTTP 503"}}
		return r
	}
	return map[string]Report{
		"loaded":      extras(Report{Batch: 7}),
		"rolled back": extras(Report{Batch: 7, RolledBack: true}),
		"validate":    extras(Report{DryRun: true}),
	}
}

// The English report is the one salesops printed before the catalog
// carried it, byte for byte: scripts and habits read it.
func TestReportTextEnglishUnchanged(t *testing.T) {
	want := map[string]string{
		"loaded": `Ingest batch 7
                FILE   KIND    STATUS  READ  LOADED  UPDATED  UNCHANGED  REJECTED
  drop/reps/reps.csv   reps    loaded     3       3        0          0         0
    drop/sales/b.csv  sales    failed     2       0        0          0         2
    drop/sales/c.csv  sales   skipped     1       0        0          1         0
    drop/sales/d.csv  sales  not read     0       0        0          0         0
               total                      6       3        0          1         2
Not read: drop/sales/x (source sales): a FIFO.
No files in drop/surveys/*.csv (source surveys): nothing new of kind surveys.
The warehouse holds no reps or sales yet: jobs refuse to run until such an export is loaded.
WARNING optional source fx: HTTP 503; this run uses what the warehouse already holds from it.
Commonest reject reasons:
       2  not a date
Every rejected row is in the rejects table: salesops query "SELECT * FROM rejects WHERE batch_id = 7"
1 warnings (repeated keys and the like): they are in the ingest_warnings table.
`,
		"rolled back": `Ingest batch 7: rolled back, nothing loaded
                FILE   KIND       STATUS  READ  WOULD LOAD  WOULD UPDATE  UNCHANGED  REJECTED
  drop/reps/reps.csv   reps  rolled back     3           3             0          0         0
    drop/sales/b.csv  sales       failed     2           0             0          0         2
    drop/sales/c.csv  sales      skipped     1           0             0          1         0
    drop/sales/d.csv  sales     not read     0           0             0          0         0
               total            0 loaded     6           3             0          1         2
Batch 7 was rolled back because drop/sales/b.csv failed: nothing from it was loaded. Fix that file and run again.
Not read: drop/sales/x (source sales): a FIFO.
No files in drop/surveys/*.csv (source surveys): nothing new of kind surveys.
WARNING optional source fx: HTTP 503; this run uses what the warehouse already holds from it.
Commonest reject reasons:
       2  not a date
Every rejected row is in the rejects table: salesops query "SELECT * FROM rejects WHERE batch_id = 7"
1 warnings (repeated keys and the like): they are in the ingest_warnings table.
`,
		"validate": `Validation (nothing loaded)
                FILE   KIND  AN INGEST WOULD  READ  LOAD  UPDATE  LEAVE  REJECT
  drop/reps/reps.csv   reps          load it     3     3       0      0       0
    drop/sales/b.csv  sales        refuse it     2     0       0      0       2
    drop/sales/c.csv  sales          skip it     1     0       0      1       0
    drop/sales/d.csv  sales                      0     0       0      0       0
               total                             6     3       0      1       2
Not read: drop/sales/x (source sales): a FIFO.
No files in drop/surveys/*.csv (source surveys): nothing new of kind surveys.
The warehouse holds no reps or sales yet: jobs refuse to run until such an export is loaded.
WARNING optional source fx: HTTP 503; this run uses what the warehouse already holds from it.
Commonest reject reasons:
       2  not a date
1 warnings (repeated keys and the like): the later line of a repeated key wins.
`,
	}
	for name, r := range textReports() {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := r.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			if b.String() != want[name] {
				t.Errorf("got\n%s\nwant\n%s", b.String(), want[name])
			}
		})
	}
}

// In Chinese every word of the report is Chinese; only what it quotes
// from the data (paths, kinds, sources, the reason a file was not read,
// a fetch error) and the query to type are left as they are. It has the
// English report's lines, one for one, and its table lines up.
func TestReportTextChinese(t *testing.T) {
	data := regexp.MustCompile(`drop/\S+|source fx: HTTP 503|a FIFO|salesops query "[^"]*"|ingest_warnings|\b(reps|sales|surveys)\b`)
	for name, r := range textReports() {
		t.Run(name, func(t *testing.T) {
			var en, zh bytes.Buffer
			if err := r.WriteText(&en); err != nil {
				t.Fatal(err)
			}
			if err := r.WriteTextIn(&zh, i18n.ZhCN); err != nil {
				t.Fatal(err)
			}
			if a, b := strings.Count(en.String(), "\n"), strings.Count(zh.String(), "\n"); a != b {
				t.Errorf("%d lines in English, %d in Chinese:\n%s", a, b, zh.String())
			}
			if w := regexp.MustCompile(`[A-Za-z]+`).FindString(data.ReplaceAllString(zh.String(), "")); w != "" {
				t.Errorf("English %q in the Chinese report:\n%s", w, zh.String())
			}
			// The table's rows line up on a terminal, where a Chinese
			// character takes two columns: right-aligned, each row is as
			// wide as the header.
			table := strings.Split(zh.String(), "\n")[1 : 3+len(r.Files)]
			for _, row := range table[1:] {
				if cellWidth(row) != cellWidth(table[0]) {
					t.Errorf("the table does not line up:\n%s", strings.Join(table, "\n"))
					break
				}
			}
			for _, want := range []string{"文件", "合计", "不是日期"} {
				if !strings.Contains(zh.String(), want) {
					t.Errorf("no %q in the Chinese report:\n%s", want, zh.String())
				}
			}
		})
	}
}

package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// han is a Chinese character.
var han = regexp.MustCompile(`\p{Han}`)

// The summaries printed for people after ingest and a job are in the
// configured language; the English ones are as they always were, and the
// JSON log lines stay English whatever the language.
func TestSummariesInTheConfiguredLanguage(t *testing.T) {
	tests := []struct {
		lang     string
		ingest   []string // lines stdout of ingest holds, fields joined by one space; a row, after its path
		job      *regexp.Regexp
		dontWant []string
	}{
		{"en", []string{"Ingest batch 1", "FILE KIND STATUS READ LOADED UPDATED UNCHANGED REJECTED", "reps loaded 1 1 0 0 0", "total 2 2 0 0 0", "ingest: run 1 ok"},
			regexp.MustCompile(`^monthly-bonus 2026-10: run \d+ ok\n`), nil},
		{"zh-CN", []string{"导入批次 1", "文件 类型 状态 读取 已导入 已更新 未变 已拒收", "reps 已导入 1 1 0 0 0", "合计 2 2 0 0 0", "导入：运行 1 成功"},
			regexp.MustCompile(`^monthly-bonus 2026-10：运行 \d+ 成功\n`), []string{"Ingest batch", "FILE", "loaded", "total", " ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			cfg := starter(t, map[string]string{"drop/reps/reps.csv": repsCSV, "drop/sales/deals.csv": salesCSV})
			setLanguage(t, cfg, tt.lang)
			code, stdout, stderr := run(t, "--config", cfg, "ingest")
			if code != 0 {
				t.Fatalf("ingest: exit %d\n%s%s", code, stdout, stderr)
			}
			var lines []string
			for _, l := range strings.Split(stdout, "\n") {
				lines = append(lines, strings.Join(strings.Fields(l), " "))
			}
			for _, w := range tt.ingest {
				if !contains(lines, w) {
					t.Errorf("ingest printed no line %q:\n%s", w, stdout)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(stdout, w) {
					t.Errorf("ingest printed %q:\n%s", w, stdout)
				}
			}
			if tt.lang == "en" && han.MatchString(stdout) {
				t.Errorf("Chinese in the English summary:\n%s", stdout)
			}
			code, stdout, stderr = run(t, "--config", cfg, "--log-format", "json", "run", "monthly-bonus", "--period", "2026-10")
			if code != 0 {
				t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
			}
			if !tt.job.MatchString(stdout) {
				t.Errorf("the job's summary does not match %v:\n%s", tt.job, stdout)
			}
			if han.MatchString(stderr) {
				t.Errorf("Chinese in the JSON log:\n%s", stderr)
			}
		})
	}
}

// setLanguage sets the language of the configuration at path.
func setLanguage(t *testing.T, path, lang string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^language: en\b`)
	if !re.Match(b) {
		t.Fatalf("no language: en line in the starter:\n%s", b)
	}
	if err := os.WriteFile(path, re.ReplaceAll(b, []byte("language: "+lang)), 0o600); err != nil {
		t.Fatal(err)
	}
}

// contains says whether a line of lines is s, or ends in it after a path
// (a table row starts with the file's path).
func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s || strings.HasSuffix(l, "/"+s) || strings.HasSuffix(l, ".csv "+s) {
			return true
		}
	}
	return false
}

// validate lists each rejected row in the configured language too: where,
// column and value as the file has them, the reason translated.
func TestValidateListsRejectsInTheConfiguredLanguage(t *testing.T) {
	text := "deal_id,customer_id,rep_id,status,amount,close_date\nD1,C1,S1,won,100.00,2026-13-45\nD2,C1,S1,won,100.00,someday\n"
	tests := []struct {
		lang     string
		want     []string
		dontWant []string
	}{
		{"en", []string{`  line 2 column close_date value "2026-13-45": not a date`, "... and 1 more"}, nil},
		{"zh-CN", []string{`  第 2 行，列 close_date，值 "2026-13-45"：不是日期`, "……另有 1 行"}, []string{"line 2", "not a date", "more"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			cfg := starter(t, nil)
			setLanguage(t, cfg, tt.lang)
			file := filepath.Join(t.TempDir(), "deals.csv")
			if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(t, "--config", cfg, "validate", file, "--kind", "sales", "--limit", "1")
			if code != 3 {
				t.Fatalf("exit %d, want 3\n%s%s", code, stdout, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(stdout, w) {
					t.Errorf("stdout holds %q:\n%s", w, stdout)
				}
			}
		})
	}
}

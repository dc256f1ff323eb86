package reports

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every label exists in both languages, and every key the report code
// uses has a label (a missing one would show as its key).
func TestI18nComplete(t *testing.T) {
	for lang, labels := range i18nText {
		for other, ol := range i18nText {
			for k := range ol {
				if _, ok := labels[k]; !ok {
					t.Errorf("%s has %q, %s does not", other, k, lang)
				}
			}
		}
	}
	var files []string
	for _, g := range []string{"dashboard*.go", "scorecard*.go", "index*.go", "kpi*.go", "format*.go"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	used := regexp.MustCompile(`(?:i18nLabel\(lang, |index \$?\.L |L\()"([a-z_.]+)"`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			k := m[1]
			if k[len(k)-1] == '.' {
				continue // a prefix completed at run time (stage.<name>)
			}
			if _, ok := i18nText["en"][k]; !ok {
				t.Errorf("%s uses label %q, which has no text", f, k)
			}
		}
	}
	if got := i18nLabel("fr", "m.win_rate"); got != "Win rate" {
		t.Errorf("unknown language label %q", got)
	}
	if got := i18nLabel("zh-CN", "m.win_rate"); got != "成交率" {
		t.Errorf("zh-CN label %q", got)
	}
}

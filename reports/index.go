package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/i18n"
	"github.com/salesops/salesops/period"
)

// indexEntry is one period's folder and its reports.
type indexEntry struct {
	Period string
	Status string // a closed month's mark, from its bonus JSON
	Files  []indexFile
	end    string // sort key: the period's last day
	kind   period.Kind
}

type indexFile struct {
	Name, Href, Kind string
}

// WriteIndex writes outDir/index.html linking every report of every
// period folder, newest period first (a quarter after the last month of
// it). Only files directly in folders named YYYY-MM or YYYY-Qn are listed.
// build, the salesops writing it, goes in its footer.
func WriteIndex(ctx context.Context, outDir string, language string, build buildinfo.Info) (string, error) {
	entries, err := scanReports(outDir)
	if err != nil {
		return "", err
	}
	lang := i18n.Parse(language)
	for i, e := range entries {
		if e.kind == period.Month {
			entries[i].Status = publishedStatus(filepath.Join(outDir, e.Period, "bonus-"+e.Period+".json")).Text(lang)
		}
	}
	var body bytes.Buffer
	if err := indexTmpl.Execute(&body, struct {
		L       map[string]string
		Title   string
		Entries []indexEntry
	}{lang.Labels(), lang.T("index.title"), entries}); err != nil {
		return "", fmt.Errorf("rendering the index: %w", err)
	}
	page := Page{Lang: lang.String(), Title: lang.T("index.title"), Content: template.HTML(body.String()), Build: build}
	path := filepath.Join(outDir, "index.html")
	if err := WriteFile(ctx, path, page.Render); err != nil {
		return "", err
	}
	return path, nil
}

func scanReports(outDir string) ([]indexEntry, error) {
	dirs, err := os.ReadDir(outDir)
	if err != nil {
		return nil, fmt.Errorf("listing the reports in %s: %w", outDir, err)
	}
	var out []indexEntry
	for _, d := range dirs {
		if !d.IsDir() || !periodRE.MatchString(d.Name()) {
			continue
		}
		p, err := period.Parse(d.Name())
		if err != nil {
			continue
		}
		files, err := os.ReadDir(filepath.Join(outDir, d.Name()))
		if err != nil {
			return nil, fmt.Errorf("listing the reports of %s: %w", d.Name(), err)
		}
		e := indexEntry{Period: d.Name(), end: p.End().Format("2006-01-02"), kind: p.Kind}
		for _, f := range files {
			name := f.Name()
			if f.IsDir() || strings.HasPrefix(name, ".") {
				continue // temporary files of a write in progress, and anything hidden
			}
			href := (&url.URL{Path: d.Name() + "/" + name}).String()
			e.Files = append(e.Files, indexFile{Name: name, Href: href, Kind: reportKind(name)})
		}
		if len(e.Files) > 0 {
			sort.Slice(e.Files, func(i, j int) bool { return e.Files[i].Name < e.Files[j].Name })
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].end != out[j].end {
			return out[i].end > out[j].end
		}
		return out[i].kind == period.Quarter && out[j].kind != period.Quarter
	})
	return out, nil
}

// reportKind is the label key of a report file, from its name.
func reportKind(name string) string {
	for _, k := range []string{"dashboard", "scorecards", "kpis", "bonus", "adjustments", "audit"} {
		if strings.HasPrefix(name, k+"-") {
			return "kind." + k
		}
	}
	return "kind.other"
}

var indexTmpl = template.Must(template.New("index").Parse(`<header class="top"><h1>{{.Title}}</h1></header>
<main>
{{range .Entries}}<section>
<h2>{{.Period}}</h2>
{{if .Status}}<p class="muted status">{{.Status}}</p>{{end}}
<ul>{{range .Files}}<li><a href="{{.Href}}">{{index $.L .Kind}}</a> <span class="muted">{{.Name}}</span></li>{{end}}</ul>
</section>
{{else}}<p class="muted">{{index .L "none.reports"}}</p>{{end}}
</main>
`))

// publishedStatus is the status the month's published bonus JSON states;
// open when there is none or it cannot be read (the index lists files, it
// does not judge them).
func publishedStatus(path string) MonthStatus {
	b, err := os.ReadFile(path)
	if err != nil {
		return MonthStatus{}
	}
	var m bonus.Month
	if json.Unmarshal(b, &m) != nil {
		return MonthStatus{}
	}
	return StatusOf(m)
}

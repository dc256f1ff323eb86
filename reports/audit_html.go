package reports

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
)

// The audit page: summary by check, the ranking, the comparison with the
// quarter before and the filterable findings. All data reaches the page
// through html/template (text, attributes, chart JSON); the filter script is
// a constant that reads data-* attributes and text, never builds markup.

var auditContentTmpl = template.Must(template.New("audit").Parse(`
<header class="top"><h1>{{.L.Title}} {{.Period}}</h1>
<p>{{.L.Covers}} {{.Start}} – {{.Until}} · {{if .Prev}}{{.L.ComparedWith}} {{.Prev}}{{else}}{{.L.NoPrevious}}{{end}}</p>
<p class="note">{{.L.Generated}}</p>{{if .FollowUp}}<p id="follow-up">{{.FollowUp}}</p>{{end}}</header>
<main>
<section id="by-check"><h2>{{.L.ByCheck}}</h2><div class="scroll"><table>
<thead><tr><th>{{.L.Check}}</th><th>{{.L.Name}}</th><th>{{.L.Severity}}</th><th class="num">{{.L.Weight}}</th><th class="num">{{.L.FindingsN}}</th><th class="num">{{.L.Opportunities}}</th><th class="num">{{.L.Rate}}</th><th class="num">{{.L.PendingN}}</th><th class="num">{{.L.WaivedN}}</th>
<th class="num">{{.L.Prev}}: {{.L.FindingsN}}</th><th class="num">{{.L.Prev}}: {{.L.Opportunities}}</th><th class="num">{{.L.Prev}}: {{.L.Rate}}</th><th class="num">{{.L.Change}}</th></tr></thead>
<tbody>{{range .Checks}}<tr><td>{{.ID}}</td><td>{{.Name}}</td><td><span class="sev sev-{{.Severity}}">{{.SeverityName}}</span></td><td class="num">{{.Weight}}</td>
<td class="num">{{.Findings}}</td><td class="num">{{.Opps}}</td><td class="num">{{.Rate}}</td><td class="num">{{.Pending}}</td><td class="num">{{.Waived}}</td><td class="num">{{.PrevFindings}}</td><td class="num">{{.PrevOpps}}</td><td class="num">{{.PrevRate}}</td><td class="num {{.ChangeClass}}">{{.Change}}</td></tr>
{{end}}</tbody></table></div></section>
<div class="grid">
<section><h2>{{.L.ChartChecks}}</h2><div id="chart-checks" class="chart"></div></section>
<section><h2>{{.L.ChartScores}}</h2><div id="chart-scores" class="chart" style="height: {{.ScoreChartPx}}px"></div></section>
</div>
<section id="ranking"><h2>{{.L.Ranking}} · {{.L.Comparison}}</h2><div class="scroll"><table>
<thead><tr><th class="num">{{.L.Rank}}</th><th>{{.L.Rep}}</th><th>{{.L.Name}}</th><th>{{.L.Team}}</th><th class="num">{{.L.Score}}</th><th class="num">{{.L.PrevScore}}</th><th class="num">{{.L.Change}}</th><th class="num">{{.L.PrevRank}}</th>
<th class="num">{{.L.FindingsN}}</th><th class="num">{{.L.Opportunities}}</th>{{range .CheckIDs}}<th class="num">{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Reps}}<tr><td class="num">{{.Rank}}</td><td>{{.ID}}</td><td>{{.Name}}</td><td>{{.Team}}</td><td class="num">{{.Score}}</td><td class="num">{{.PrevScore}}</td><td class="num {{.ChangeClass}}">{{.Change}}</td><td class="num">{{.PrevRank}}</td>
<td class="num">{{.Findings}}</td><td class="num">{{.Opps}}</td>{{range .Cells}}<td class="num {{.Class}}" title="{{.Title}}">{{.Text}}</td>{{end}}</tr>
{{end}}</tbody></table></div></section>
<section id="findings-section"><h2>{{.L.Findings}}</h2>
<div class="filters noprint">
<label>{{.L.Check}} <select id="f-check"><option value="">{{.L.All}}</option>{{range .Checks}}<option value="{{.ID}}">{{.ID}} {{.Name}}</option>{{end}}</select></label>
<label>{{.L.Rep}} <select id="f-rep"><option value="">{{.L.All}}</option>{{range .Reps}}<option value="{{.ID}}">{{.ID}} {{.Name}}</option>{{end}}</select></label>
<label>{{.L.Severity}} <select id="f-severity"><option value="">{{.L.All}}</option>{{range .Severities}}<option value="{{.ID}}">{{.Name}}</option>{{end}}</select></label>
<label>{{.L.Search}} <input id="f-text" type="search"></label>
<span class="note"><span id="f-count">{{.Listed}}</span> {{.L.Of}} {{.Total}} {{.L.Shown}}</span>
</div>
{{if .Capped}}<p class="note capped" id="findings-capped">{{.Capped}}</p>{{end}}
{{if .Findings}}<div class="scroll tall"><table id="findings">
<thead><tr><th>{{.L.Check}}</th><th>{{.L.Severity}}</th><th>{{.L.Rep}}</th><th>{{.L.Customer}}</th><th>{{.L.Company}}</th><th>{{.L.Deal}}</th><th>{{.L.Date}}</th><th>{{.L.Detail}}</th>
<th>{{.L.ID}}</th><th>{{.L.Owner}}</th><th>{{.L.Due}}</th><th>{{.L.Response}}</th></tr></thead>
<tbody>{{range .Findings}}<tr data-check="{{.Check}}" data-rep="{{.Rep}}" data-severity="{{.Severity}}" data-status="{{.Status}}" class="st-{{.Status}}"><td title="{{.CheckName}}">{{.Check}}</td><td><span class="sev sev-{{.Severity}}">{{.SeverityName}}</span></td>
<td>{{.Rep}}{{if ne .Rep .RepName}} {{.RepName}}{{end}}</td><td>{{.Customer}}</td><td>{{.Company}}</td><td>{{.Deal}}</td><td class="nowrap">{{.Date}}</td><td>{{.Detail}}{{if .Repeat}} <span class="tag repeat">{{$.L.Repeat}}</span>{{end}}{{if eq .Status "waived"}} <span class="tag waived">{{.StatusName}}</span>{{end}}</td>
<td class="nowrap id">{{.ID}}</td><td>{{.Owner}}</td><td class="nowrap">{{.Due}}</td><td>{{.Response}}{{if and .Response .PrevResponse}}<br>{{end}}{{if .PrevResponse}}<span class="note">{{.PrevResponse}}</span>{{end}}</td></tr>
{{end}}</tbody></table></div>{{else}}<p>{{.L.NoFindings}}</p>{{end}}
</section>
<section id="pending-section"><h2>{{.L.PendingTitle}}</h2><p class="note">{{.L.PendingNote}}</p>
{{if .PendingCapped}}<p class="note capped" id="pending-capped">{{.PendingCapped}}</p>{{end}}
{{if .Pending}}<div class="scroll"><table id="pending">
<thead><tr><th>{{.L.Check}}</th><th>{{.L.Rep}}</th><th>{{.L.Customer}}</th><th>{{.L.Company}}</th><th>{{.L.Deal}}</th><th>{{.L.Date}}</th><th>{{.L.WindowCloses}}</th><th>{{.L.Detail}}</th></tr></thead>
<tbody>{{range .Pending}}<tr data-check="{{.Check}}" data-rep="{{.Rep}}"><td title="{{.CheckName}}">{{.Check}}</td><td>{{.Rep}}{{if ne .Rep .RepName}} {{.RepName}}{{end}}</td><td>{{.Customer}}</td><td>{{.Company}}</td><td>{{.Deal}}</td>
<td class="nowrap">{{.Date}}</td><td class="nowrap">{{.WindowCloses}}</td><td>{{.Detail}}</td></tr>
{{end}}</tbody></table></div>{{else}}<p>{{.L.NoPending}}</p>{{end}}
</section>
{{template "programme" .Programme}}
<section><h2>{{.L.HowToRead}}</h2>{{range .L.HowToReadText}}<p>{{.}}</p>{{end}}</section>
</main>
`))

const auditCSS = `
.sev { display:inline-block; padding:0 6px; border-radius:4px; font-size:12px; }
.sev-high { background:#fee2e2; color:#991b1b; } .sev-medium { background:#fef3c7; color:#92400e; } .sev-low { background:#e0f2fe; color:#075985; }
.filters { display:flex; flex-wrap:wrap; gap:8px 16px; align-items:center; margin:0 0 8px; }
.filters select, .filters input { font:inherit; padding:2px 4px; }
.scroll.tall { max-height: 70vh; }
.grid { align-items: start; }
.tag { display:inline-block; padding:0 5px; border-radius:4px; font-size:12px; background:#ede9fe; color:#5b21b6; }
.tag.waived { background:#e5e7eb; color:#374151; } tr.st-waived td { color: var(--muted); } td.id { font-family: monospace; font-size: 12px; }
td.fail { color: var(--bad); } td.none { color: var(--muted); } td.nowrap { white-space: nowrap; }
@media print { table { font-size: 10px; } td.id { font-size: 9px; } }
`

// auditFilterJS filters the findings rows by the selects and the search
// box. It only toggles the hidden property and writes a count.
const auditFilterJS = `
(function () {
  var table = document.getElementById('findings');
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var fc = document.getElementById('f-check'), fr = document.getElementById('f-rep');
  var fs = document.getElementById('f-severity'), ft = document.getElementById('f-text');
  var count = document.getElementById('f-count');
  function apply() {
    var c = fc.value, r = fr.value, s = fs.value, q = ft.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (tr) {
      var ok = (!c || tr.getAttribute('data-check') === c) &&
               (!r || tr.getAttribute('data-rep') === r) &&
               (!s || tr.getAttribute('data-severity') === s) &&
               (!q || tr.textContent.toLowerCase().indexOf(q) >= 0);
      tr.hidden = !ok;
      if (ok) { n++; }
    });
    count.textContent = String(n);
  }
  [fc, fr, fs].forEach(function (el) { el.addEventListener('change', apply); });
  ft.addEventListener('input', apply);
  apply();
})();
`

func writeAuditHTML(ctx context.Context, path string, r *auditReport) error {
	var content bytes.Buffer
	if err := auditContentTmpl.Execute(&content, newAuditView(r)); err != nil {
		return fmt.Errorf("rendering the audit page: %w", err)
	}
	page := Page{
		Lang:     r.L.Lang.String(),
		Title:    r.L.Title + " " + r.Period,
		Content:  template.HTML(content.String()), // rendered above by html/template
		Charts:   auditCharts(r),
		ExtraCSS: template.CSS(auditCSS),
		Script:   template.JS(auditFilterJS),
		Build:    r.Build,
		// The ranking has a column per check, the findings twelve.
		Landscape: true,
	}
	return WriteFile(ctx, path, func(w io.Writer) error { return page.Render(w) })
}

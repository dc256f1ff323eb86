package reports

import "html/template"

// dashTmpl is the dashboard body. Every value is text escaped by
// html/template; charts are empty elements the page shell fills.
var dashTmpl = template.Must(template.New("dash").Parse(`<header class="top">
<h1>{{.Title}}</h1>
<p>{{.Subtitle}}</p>
{{if .Status}}<p class="status" id="month-status">{{.Status}}</p>{{end}}
</header>
<main id="dash" data-currency="{{.Currency}}">
<section>
<h2>{{index .L "sec.headline"}}</h2>
<div class="cards headline" id="headline">
{{range .Cards}}{{template "card" .}}{{end}}</div>
{{if .ProvisionalNote}}<p class="note">{{.ProvisionalNote}}</p>{{end}}
<p class="note">{{index .L "note.arrows"}}</p>
</section>
<section>
<h2>{{index .L "sec.more"}}</h2>
<div class="cards" id="more-cards">
{{range .More}}{{template "card" .}}{{end}}</div>
</section>
<section>
<h2>{{index .L "sec.targets"}}</h2>
<div class="cards">
{{range .Lifts}}<div class="card tone-{{.Tone}}">
<div class="label">{{.Label}}{{if .Badge}} <span class="badge">{{.Badge}}</span>{{end}}</div>
<div class="v">{{.Value}}</div>
{{if .Prev}}<div class="cmp">{{index $.L "baseline"}} {{.Prev}} · {{index $.L "target"}} {{.YearAgo}}</div>{{end}}
</div>
{{end}}</div>
<div class="chart" id="ch-lifts" data-fmt="pct" role="img" aria-label="{{index .L "chart.lifts"}}"></div>
</section>
{{template "programme" .Programme}}
<section>
<h2>{{index .L "sec.trend"}}</h2>
<div class="chart wide" id="ch-trend" data-fmt="money" role="img" aria-label="{{index .L "sec.trend"}}"></div>
</section>
<div class="grid">
<section><h2>{{index .L "sec.teams"}}</h2><div class="chart" id="ch-teams" data-fmt="money" role="img" aria-label="{{index .L "sec.teams"}}"></div></section>
<section><h2>{{index .L "sec.regions"}}</h2><div class="chart" id="ch-regions" data-fmt="money" role="img" aria-label="{{index .L "sec.regions"}}"></div></section>
</div>
<section>
<h2>{{index .L "sec.leaders"}}</h2>
<div class="scroll"><table id="leaders-table">
<thead><tr><th class="num">#</th><th>{{index .L "col.rep"}}</th><th>{{index .L "col.team"}}</th><th class="num">{{index .L "m.net_sales"}}</th>
<th class="num">{{index .L "col.won_lost"}}</th><th class="num">{{index .L "m.win_rate"}}</th><th class="num">{{index .L "m.new_customers"}}</th>
<th class="num">{{index .L "m.followups"}}</th><th class="num">{{index .L "m.efficiency"}}</th><th class="num">{{index .L "m.lead_conversion"}}</th>
<th class="num">{{index .L "m.csat"}}</th><th class="num">{{index .L "m.coverage"}}</th></tr></thead>
<tbody>{{range .Leaders}}<tr><td class="num">{{.Rank}}</td><td>{{.Name}}</td><td>{{.Team}}</td><td class="num">{{.Net}}</td>
<td class="num">{{.Won}}</td><td class="num">{{.WinRate}}</td><td class="num">{{.New}}</td><td class="num">{{.Followups}}</td>
<td class="num">{{.Eff}}</td><td class="num">{{.Conv}}{{if .Provisional}}*{{end}}</td><td class="num">{{.CSAT}}</td><td class="num">{{.Coverage}}</td></tr>
{{end}}</tbody></table></div>
{{if .ProvisionalNote}}<p class="note">* {{.ProvisionalNote}}</p>{{end}}
</section>
<div class="grid">
<section>
<h2>{{index .L "sec.funnel"}}</h2>
<p class="note">{{index .L "funnel.explain"}}</p>
<div class="chart" id="ch-funnel" data-fmt="count" role="img" aria-label="{{index .L "sec.funnel"}}"></div>
<table id="funnel-table"><thead><tr><th>{{index .L "col.stage"}}</th><th class="num">{{index .L "col.customers"}}</th><th>{{index .L "col.next"}}</th><th class="num">{{index .L "col.conversion"}}</th></tr></thead>
<tbody>{{range .Funnel}}<tr><td>{{.Stage}}</td><td class="num">{{.Customers}}</td><td>{{.Next}}</td><td class="num">{{.Conversion}}</td></tr>{{end}}</tbody></table>
</section>
<section><h2>{{index .L "sec.rates"}}</h2><div class="chart" id="ch-rates" data-fmt="pct" role="img" aria-label="{{index .L "sec.rates"}}"></div></section>
</div>
<div class="grid">
<section><h2>{{index .L "sec.satisfaction"}}</h2><div class="chart" id="ch-csat" data-fmt="pct" role="img" aria-label="{{index .L "sec.satisfaction"}}"></div></section>
<section><h2>{{index .L "sec.scores"}}</h2>{{if .HasScores}}<div class="chart" id="ch-scores" data-fmt="count" role="img" aria-label="{{index .L "sec.scores"}}"></div>{{else}}<p class="muted">{{index .L "none.responses"}}</p>{{end}}</section>
</div>
<section>
<h2>{{index .L "sec.risk"}}</h2>
<p class="note">{{index .L "risk.explain"}} {{.AtRiskNote}}</p>
{{if .AtRisk}}<div class="scroll"><table id="risk-table">
<thead><tr><th>{{index .L "col.customer"}}</th><th>{{index .L "col.owner"}}</th><th>{{index .L "col.last_followup"}}</th><th class="num">{{index .L "col.days"}}</th></tr></thead>
<tbody>{{range .AtRisk}}<tr><td>{{.Customer}}</td><td>{{.Rep}}</td><td>{{.Last}}</td><td class="num">{{.Days}}</td></tr>
{{end}}</tbody></table></div>{{end}}
</section>
<section>
<h2>{{index .L "sec.bonus"}}</h2>
{{with .Bonus}}<div class="grid">
<div><div class="chart" id="ch-bonus" data-fmt="money" role="img" aria-label="{{index $.L "sec.bonus"}}"></div></div>
<div><table id="bonus-table"><tbody>
<tr><th>{{index $.L "bonus.pool"}}</th><td class="num">{{.Pool}}</td><td></td></tr>
<tr><th>{{index $.L "bonus.allocated"}}</th><td class="num">{{.Allocated}}</td><td></td></tr>
<tr><th>{{index $.L "bonus.unallocated"}}</th><td class="num">{{.Unallocated}}</td><td></td></tr>
{{range .Rows}}<tr><td>{{.Name}}</td><td class="num">{{.Amount}}</td><td class="num">{{.Share}}</td></tr>{{end}}
</tbody></table></div></div>{{else}}<p class="muted">{{index .L "none.bonus"}}</p>{{end}}
</section>
<section>
<h2>{{index .L "sec.quality"}}</h2>
{{if .Quality}}<ul>{{range .Quality}}<li>{{.}}</li>{{end}}</ul>{{else}}<p class="muted">{{index .L "none.quality"}}</p>{{end}}
</section>
</main>
{{define "card"}}<div class="card tone-{{.Tone}}" data-kpi="{{.Key}}" data-dir="{{.Dir}}" data-tone="{{.Tone}}">
<div class="label">{{.Label}}{{if .Badge}} <span class="badge">{{.Badge}}</span>{{end}}</div>
<div class="v"><span class="num">{{.Value}}</span>{{if .Arrow}} <span class="arrow">{{.Arrow}}</span>{{end}}</div>
{{if .Note}}<div class="cmp">{{.Note}}</div>{{else}}<div class="cmp">{{.PrevLabel}} {{.Prev}} <b class="pct">{{.VsPrev}}</b></div>
<div class="cmp">{{.YearLabel}} {{.YearAgo}} <b class="pct">{{.VsYear}}</b></div>{{end}}
{{if .Target}}<div class="cmp target">{{.Target}}</div>{{end}}
</div>
{{end}}`))

// dashCSS are the dashboard's own styles: the headline cards and wider
// trend chart, compact on a phone; printed (assets/print.css, on A4
// landscape), the headline is one row.
const dashCSS template.CSS = `
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin-bottom: 8px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; background: #fbfcfe; container-type: inline-size; }
.card .label { font-size: 12px; color: var(--muted); }
/* A figure never breaks across lines: it shrinks with its card instead. */
.card .v { font-size: clamp(12px, 10.5cqw, 20px); font-weight: 600; margin: 2px 0; white-space: nowrap; }
.card .cmp { font-size: 12px; color: var(--muted); }
/* Colour is good/bad by the KPI's polarity; the arrow is only the direction. */
.card.tone-good .v { color: var(--good); } .card.tone-bad .v { color: var(--bad); } .card.tone-neutral .v { color: var(--ink); }
.card .arrow { font-size: 12px; } .card .pct { font-weight: 600; }
.cards.headline { grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); }
.cards.headline .card { background: #fff; border-width: 2px; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: #fef3c7; color: #92400e; }
.chart.wide { height: 360px; }
td { overflow-wrap: anywhere; }
@media (max-width: 640px) { .cards { grid-template-columns: repeat(2, 1fr); }  .chart.wide { height: 280px; } }
@media print { .cards.headline { grid-template-columns: repeat(7, 1fr); } }
`

// dashScript formats numbers in tooltips and axes the way the page's
// language does (Intl.NumberFormat: "¥1.2万" in Chinese, "CN¥12K" in
// English), from each chart element's data-fmt. A constant: no data.
const dashScript template.JS = `
(function () {
  var lang = document.documentElement.lang || 'en';
  var root = document.getElementById('dash');
  var cur = (root && root.getAttribute('data-currency')) || 'CNY';
  function nf(o) { try { return new Intl.NumberFormat(lang, o); } catch (e) { return new Intl.NumberFormat('en', o); } }
  var full = { money: nf({ style: 'currency', currency: cur, maximumFractionDigits: 2 }), pct: nf({ style: 'percent', maximumFractionDigits: 1 }), count: nf({ maximumFractionDigits: 2 }) };
  var short = { money: nf({ style: 'currency', currency: cur, notation: 'compact', maximumFractionDigits: 1 }), pct: nf({ style: 'percent', maximumFractionDigits: 0 }), count: nf({ notation: 'compact' }) };
  function wrap(f) { return function (v) { if (v === null || v === undefined || v === '-' || v === '' || isNaN(+v)) { return '—'; } return f.format(+v); }; }
  (window.salesopsCharts || []).forEach(function (c) {
    var kind = c.getDom().getAttribute('data-fmt');
    if (!full[kind]) { return; }
    var opt = c.getOption();
    var upd = { tooltip: { valueFormatter: wrap(full[kind]) } };
    if (opt.yAxis && opt.yAxis.length) { upd.yAxis = opt.yAxis.map(function (a) { return a.type === 'category' ? {} : { axisLabel: { formatter: wrap(short[kind]) } }; }); }
    if (opt.xAxis && opt.xAxis.length) { upd.xAxis = opt.xAxis.map(function (a) { return a.type === 'value' ? { axisLabel: { formatter: wrap(short[kind]) } } : {}; }); }
    c.setOption(upd);
  });
  window.salesopsRenderedMs = performance.now();
})();
`

package reports

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode"

	"github.com/salesops/salesops/buildinfo"
)

// echartsJS is Apache ECharts 5.6.0 (Apache-2.0, assets/ECHARTS-LICENSE),
// dist/echarts.min.js from the npm registry's echarts package. It is
// inlined into every HTML report so the file works offline.
//
//go:embed assets/echarts.min.js
var echartsJS string

// printCSS is the print stylesheet every report shares (A4, no clipped
// column, headers repeated, numbered pages).
//
//go:embed assets/print.css
var printCSS string

// Chart is one ECharts chart on a page (chart.go builds them).
type Chart struct {
	ID     string      // element id, unique on the page
	Option ChartOption // serialised by html/template in a script context
}

// Page is the self-contained shell every HTML report shares.
type Page struct {
	Lang     string        // "en" or "zh-CN"
	Title    string        // plain text, escaped
	Content  template.HTML // the report body, rendered by the report's own html/template
	Charts   []Chart
	ExtraCSS template.CSS   // report-specific styles (constants of the report, never data)
	Script   template.JS    // report-specific behaviour (constants of the report, never data)
	Build    buildinfo.Info // the salesops that wrote the page, in its footer; zero: no footer
	// Bare leaves ECharts out: a page with no charts (a rep's statement)
	// weighs kilobytes instead of a megabyte.
	Bare bool
	// Landscape prints the page on A4 landscape: its tables are too wide
	// for portrait.
	Landscape bool
}

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="referrer" content="no-referrer">
<title>{{.Title}}</title>
<style>
:root { --ink:#1f2933; --muted:#616e7c; --line:#d9e2ec; --bg:#f5f7fa; --card:#fff; --accent:#2563eb; --good:#15803d; --bad:#b91c1c; }
* { box-sizing: border-box; }
body { margin:0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color:var(--ink); background:var(--bg); }
header.top { padding: 16px 24px; background: var(--card); border-bottom: 1px solid var(--line); }
header.top h1 { margin:0; font-size: 20px; }
header.top p { margin: 4px 0 0; color: var(--muted); }
main { padding: 16px 24px; max-width: 1400px; margin: 0 auto; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0 0 16px; break-inside: avoid; }
section h2 { font-size: 16px; margin: 0 0 8px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.grid > section { margin: 0; }
.chart { width: 100%; height: 320px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg); position: sticky; top: 0; }
td.num, th.num { text-align: right; white-space: nowrap; }
.muted { color: var(--muted); }
.good { color: var(--good); } .bad { color: var(--bad); }
.scroll { overflow-x: auto; max-height: 480px; overflow-y: auto; }
.note { font-size: 12px; color: var(--muted); }
footer.generator { padding: 4px 24px 16px; text-align: center; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
@media (max-width: 640px) { main { padding: 8px; } header.top { padding: 12px; } .chart { height: 260px; } th, td { padding: 3px 4px; } }
{{.PrintCSS}}
@media print { @page { @bottom-left { content: {{.Footer}}; font: 9px system-ui, "Noto Sans CJK SC", sans-serif; color: #616e7c; } } }
{{.ExtraCSS}}
{{if .Landscape}}@media print { @page { size: A4 landscape; } }{{end}}
</style>
</head>
<body>
{{.Content}}
{{if not .Build.IsZero}}<footer class="generator">{{.Build.Label}}</footer>
{{end}}{{if not .Bare}}<script>{{.ECharts}}</script>{{end}}
<script>
(function () {
  var specs = {{.Charts}};
  var made = [];
  (specs || []).forEach(function (c) {
    var el = document.getElementById(c.ID);
    if (!el) { return; }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(c.Option);
    made.push(chart);
  });
  function resize() { made.forEach(function (c) { c.resize(); }); }
  window.addEventListener('resize', resize);
  // Printing lays the page out at the paper's width without a resize
  // event, and 'beforeprint' still sees the screen's layout: the print
  // query's change comes once the paper's layout is there. Chromium
  // prints before the next animation frame, so each chart is painted
  // now (flush) and without animation.
  var printing = window.matchMedia && window.matchMedia('print');
  if (printing) {
    var redraw = function () {
      made.forEach(function (c) { c.resize({ animation: { duration: 0 } }); c.getZr().flush(); });
    };
    if (printing.addEventListener) { printing.addEventListener('change', redraw); } else { printing.addListener(redraw); }
  }
  window.salesopsCharts = made;
})();
{{.Script}}
document.documentElement.setAttribute('data-rendered', '1');
</script>
</body>
</html>
`))

// Render writes the page.
func (p Page) Render(w io.Writer) error {
	return pageTmpl.Execute(w, struct {
		Page
		ECharts          template.JS
		PrintCSS, Footer template.CSS
	}{p, template.JS(echartsJS), template.CSS(printCSS), cssString(p.Title)})
}

// cssString quotes s as a CSS string (the printed footer's title) with
// every character but letters, digits and spaces as a hex escape: no
// title can end the string or the style element. html/template would
// escape it too, but takes a CSS string for a URL and prints a title with
// a colon as "#ZgotmplZ".
func cssString(s string) template.CSS {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "\\%x ", r)
	}
	b.WriteByte('"')
	return template.CSS(b.String())
}

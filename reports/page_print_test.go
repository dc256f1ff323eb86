package reports

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// TestPagePrintFooter: the page's title reaches the printed footer (a CSS
// string in the page's style element) escaped, whatever it holds: a
// statement's title carries a rep's name. A landscape page asks for A4
// landscape, after the report's own styles; a portrait one does not.
func TestPagePrintFooter(t *testing.T) {
	for _, tt := range []struct {
		name, title string
		landscape   bool
	}{
		{"plain", "Sales dashboard — October 2026", true},
		{"chinese", "季度检查 2026-Q3", true},
		{"closes the string and the style", `Ann"; } } body { display: none } </style><script>alert(1)</script>`, false},
		{"backslash and newline", "a\\\"\nb", false},
		{"a colon", "Statement: Ann", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			p := Page{Lang: "en", Title: tt.title, Content: template.HTML("<p>x</p>"), Bare: true, Landscape: tt.landscape,
				ExtraCSS: "@page { size: A4; }"}
			if err := p.Render(&b); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			style := out[strings.Index(out, "<style>"):strings.Index(out, "</style>")]
			if strings.Count(out, "</style>") != 1 || strings.Contains(out, "<script>alert") || strings.Contains(style, "body { display: none }") {
				t.Errorf("the title escaped its CSS string:\n%s", style)
			}
			foot := style[strings.Index(style, "@bottom-left"):]
			foot = foot[:strings.Index(foot, "}")]
			if !strings.Contains(foot, `content: "`) || strings.Count(foot, `"`) != 4 || strings.Contains(foot, "ZgotmplZ") {
				t.Errorf("footer rule %q: want one CSS string with the title, then the font's", foot)
			}
			land := strings.Index(style, "size: A4 landscape")
			if tt.landscape != (land > strings.Index(style, "@page { size: A4; }")) {
				t.Errorf("landscape %v, but the style has it at %d", tt.landscape, land)
			}
		})
	}
}

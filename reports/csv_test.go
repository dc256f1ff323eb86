package reports

import (
	"bytes"
	"testing"
)

// TestCSVQuotesEveryLocaleSeparator: Excel in a German or French locale
// splits on ';', and a TSV reader on tab, so a cell holding either must be
// quoted like one holding ',' or it spills into the next column.
func TestCSVQuotesEveryLocaleSeparator(t *testing.T) {
	tests := []struct {
		name string
		row  []string
		want string
	}{
		{"comma", []string{"x,y", "1"}, "\"x,y\",1\r\n"},
		{"semicolon", []string{"Müller; Meier", "1"}, "\"Müller; Meier\",1\r\n"},
		{"tab", []string{"a\tb", "1"}, "\"a\tb\",1\r\n"},
		{"quote", []string{`say "hi"`, "1"}, "\"say \"\"hi\"\"\",1\r\n"},
		{"line break kept", []string{"a\nb", "1"}, "\"a\nb\",1\r\n"},
		{"carriage return kept", []string{"a\rb", "1"}, "\"a\rb\",1\r\n"},
		{"leading space", []string{" x", "1"}, "\" x\",1\r\n"},
		{"plain", []string{"上海华信", "-1.50", ""}, "上海华信,-1.50,\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			c, err := newCSV(&b, []string{"h"}, "\r\n")
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Row(tt.row); err != nil {
				t.Fatal(err)
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if got, want := b.String(), "h\r\n"+tt.want; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestSafeTextNeutralisesEveryASVSLead covers the leading characters
// OWASP ASVS lists for formula injection, NUL among them.
func TestSafeTextNeutralisesEveryASVSLead(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"\x00=1+1", "'\x00=1+1"},
		{"x\x00", "x\x00"},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := SafeText(tt.in); got != tt.want {
			t.Errorf("SafeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCSVLineEnds: the stream writer (query --format csv on standard
// output) wrote RFC 4180's CRLF, so `cut -d, -f2` and awk saw "5\r" in the
// last column; files keep the BOM and CRLF that cli.md and Excel expect,
// while a line break inside a quoted cell stays as it was in both.
func TestCSVLineEnds(t *testing.T) {
	tests := []struct {
		name string
		open func(*bytes.Buffer, []string) (*CSV, error)
		want string
	}{
		{"stdout", func(b *bytes.Buffer, h []string) (*CSV, error) { return NewStreamCSV(b, h) }, "n,note\n5,\"a\r\nb\"\n"},
		{"file", func(b *bytes.Buffer, h []string) (*CSV, error) { return NewCSV(b, h) }, bom + "n,note\r\n5,\"a\r\nb\"\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			c, err := tt.open(&b, []string{"n", "note"})
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Row([]string{"5", "a\r\nb"}); err != nil {
				t.Fatal(err)
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

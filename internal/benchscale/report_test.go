package main

import "testing"

func TestReplaceSection(t *testing.T) {
	sec := heading + "\nnew\n"
	cases := []struct{ name, doc, want string }{
		{"appended", "# Performance\n\n## Ingest\ntext\n", "# Performance\n\n## Ingest\ntext\n\n" + sec},
		{"replaced at the end", "# P\n\n" + heading + "\nold\nold\n", "# P\n\n" + sec},
		{"replaced before the next section", "# P\n\n" + heading + "\nold\n\n## Demo\nd\n", "# P\n\n" + sec + "\n## Demo\nd\n"},
		{"a level-3 heading inside is replaced too", "# P\n" + heading + "\nold\n### S\nold\n## Next\n", "# P\n" + sec + "\n## Next\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := replaceSection(tc.doc, sec); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestFirstErrorLine(t *testing.T) {
	cases := []struct{ name, stderr, want string }{
		{"salesops error", "time=… level=INFO msg=x\nsalesops: model audit_opp_followups: Out of Memory Error\nmore\n", "model audit_opp_followups: Out of Memory Error"},
		{"logged error", "level=INFO a\nlevel=ERROR msg=boom\nlevel=INFO b\n", "level=ERROR msg=boom"},
		{"last line", "a\nb\n\n", "b"},
		{"pipes escaped for the table", "salesops: a|b\n", `a\|b`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := firstErrorLine(tc.stderr); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

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

func TestPhases(t *testing.T) {
	run := `time=2026-11-30T16:49:52.057Z level=INFO msg="run started" job=monthly-bonus
time=2026-11-30T16:49:54.164Z level=INFO msg="ingest file" file=x took=1s
Ingest batch 1
time=2026-11-30T16:51:01.939Z level=INFO msg="transform done" job=monthly-bonus models=32 tests=18 took=57.624s
time=2026-11-30T16:51:05.284Z level=INFO msg="run finished" job=monthly-bonus run=1 status=ok outputs=8 took=1m13.239s
`
	cases := []struct{ name, stderr, want string }{
		{"a run", run, "ingest 12.3 s, transform 57.6 s, reports 3.3 s"},
		{"failed before the transform", "time=2026-11-30T16:49:52.057Z level=INFO msg=\"run started\"\nsalesops: boom\n", ""},
		{"no log", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := phases(tc.stderr); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

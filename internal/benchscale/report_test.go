package main

import (
	"strings"
	"testing"
	"time"
)

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

func TestAloneWall(t *testing.T) {
	s := func(key string, wall time.Duration, failed string) step {
		return step{Key: key, Wall: wall, Failed: failed}
	}
	cases := []struct {
		name  string
		steps []step
		want  time.Duration
	}{
		{"none yet", nil, 0},
		{"the first run only", []step{s(aloneFirst, 40*time.Second, ""), s("cold", 80*time.Second, "")}, 40 * time.Second},
		{"both runs: their mean", []step{s(aloneFirst, 40*time.Second, ""), s("cold", 80*time.Second, ""), s(aloneAgain, 44*time.Second, "")}, 42 * time.Second},
		{"a failed run is left out", []step{s(aloneFirst, 40*time.Second, "failed after 40 s: x"), s(aloneAgain, 44*time.Second, "")}, 44 * time.Second},
		{"no run succeeded", []step{s(aloneFirst, 40*time.Second, "failed after 40 s: x")}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := aloneWall(tc.steps); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestRatiosAgainstBothRuns: the table's ratios divide by the mean of the
// two runs of DuckDB alone, whose own rows then show the drift.
func TestRatiosAgainstBothRuns(t *testing.T) {
	r := &report{companies: []*company{{steps: []step{
		{Size: "L", Key: aloneFirst, Name: "DuckDB alone", Wall: 40 * time.Second},
		{Size: "L", Key: "cold", Name: "cold", Wall: 84 * time.Second},
		{Size: "L", Key: aloneAgain, Name: "DuckDB alone again", Wall: 44 * time.Second},
	}}}}
	md := r.markdown()
	for _, want := range []string{"| L | DuckDB alone | 40.0 s | 0.95 × |", "| L | cold | 84.0 s | 2.00 × |", "| L | DuckDB alone again | 44.0 s | 1.05 × |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the table lacks %q:\n%s", want, md)
		}
	}
}

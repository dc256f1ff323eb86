package config

import (
	"strings"
	"testing"
)

// TestTypeErrorsNameKeyAndLine: a value of the wrong type must say which
// key and which line, in the operator's words (the key, what it takes),
// not Go's ("Go struct field Config.Metrics of type int").
func TestTypeErrorsNameKeyAndLine(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"decimal", "version: 1\nbonus:\n  pool_rate: sixty\n",
			[]string{`[3:14] bonus.pool_rate: "sixty" is not a decimal number`}},
		{"decimal in a flow mapping", "version: 1\nbonus:\n  weights: {sales: 0.6, new_customers: lots}\n",
			[]string{`bonus.weights.new_customers: "lots" is not a decimal number`, "[3:40]"}},
		{"decimal in a map", "version: 1\naudit:\n  weights:\n    A3: high\n",
			[]string{`[4:9] audit.weights.A3: "high" is not a decimal number`}},
		{"quoted decimal", "version: 1\nreject_threshold: \"1,5\"\n",
			[]string{`reject_threshold: "1,5" is not a decimal number`, "[2:"}},
		{"duration", "version: 1\nschedule:\n  backoff: soon\n",
			[]string{`[3:12] schedule.backoff: "soon" is not a duration`}},
		{"source duration", "version: 1\nsources:\n  - name: a\n    timeout: forever\n",
			[]string{`[4:14] sources[0].timeout: "forever" is not a duration`}},
		{"size", "version: 1\nsources:\n  - name: a\n    limits: {max_cell_bytes: 1 meg}\n",
			[]string{`[4:30] sources[0].limits.max_cell_bytes: "1 meg" is not a size`}},
		{"int", "version: 1\nmetrics:\n  survey_scale: five\n",
			[]string{`[3:17] metrics.survey_scale: "five" is not a whole number`}},
		{"int too large", "version: 1\nbonus:\n  min_responses: 99999999999999999999\n",
			[]string{`[3:18] bonus.min_responses: "99999999999999999999" is too large`}},
		{"bool", "version: 1\nschedule:\n  catch_up: maybe\n",
			[]string{`[3:13] schedule.catch_up: "maybe" is not true or false`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tt.text))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nwant it to contain %q", err, w)
				}
			}
		})
	}
}

// TestEmptyConfigSaysSo: goccy reports a file without a document as a bare
// EOF; the operator needs to hear the file is empty.
func TestEmptyConfigSaysSo(t *testing.T) {
	for _, text := range []string{"", "\n\n", "# only a comment\n"} {
		_, err := Parse("c.yaml", []byte(text))
		if err == nil || !strings.Contains(err.Error(), "configuration c.yaml is empty") || strings.Contains(err.Error(), "EOF") {
			t.Errorf("Parse(%q) = %v; want it to say the file is empty", text, err)
		}
	}
}

package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"testing"
)

// With -v the report phase says where its time went, as the transform
// does per model: the month's data read, then each file written with its
// time, the workbook's detail CSVs on the workbook's line. Every output of
// the run is on exactly one line.
func TestReportPhaseLogsEachOutput(t *testing.T) {
	tests := []struct {
		req      Request
		dataLine bool // the month's data is read before its files
	}{
		{Request{Job: JobMonthlyBonus, Period: "2026-10"}, true},
		{Request{Job: JobQuarterlyAudit, Period: "2026-Q4"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.req.Job, func(t *testing.T) {
			r, _, _ := testRunner(t)
			var buf bytes.Buffer
			r.Log = slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			o, err := r.Run(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var logged []string
			read := false
			for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
				var e struct {
					Msg  string   `json:"msg"`
					Path string   `json:"path"`
					With []string `json:"with"`
					Took *int64   `json:"took"` // nanoseconds, as slog's JSON writes a duration
				}
				if err := json.Unmarshal(line, &e); err != nil {
					t.Fatalf("log line %s: %v", line, err)
				}
				switch e.Msg {
				case "the month's report data read":
					read = true
				case "report written":
					if tt.dataLine && !read {
						t.Errorf("%s written before the month's data was read", e.Path)
					}
					if e.Took == nil || *e.Took < 0 {
						t.Errorf("%s: no time taken", e.Path)
					}
					logged = append(append(logged, e.Path), e.With...)
				}
			}
			if read != tt.dataLine {
				t.Errorf("a line for the month's report data: %v, want %v", read, tt.dataLine)
			}
			want := slices.Clone(o.Outputs)
			slices.Sort(want)
			slices.Sort(logged)
			if len(want) < 2 || !slices.Equal(logged, want) {
				t.Errorf("logged outputs %q, want the run's %q", logged, want)
			}
		})
	}
}

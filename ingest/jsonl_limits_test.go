package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// A JSON Lines export is bounded as it is read: a line by max_line_bytes
// (before the fix, a line was read whole, whatever its length), the keys of
// a record and of the file by max_columns, a value by max_cell_bytes.
func TestJSONLLimits(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	ok := `{"ticket_id":"T1","customer_id":"C1","opened_at":"2026-03-05 10:00"}` + "\n"
	keys := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"ticket_id":"T2"`)
		for i := range n {
			fmt.Fprintf(&b, `,"k%d":1`, i)
		}
		return b.String() + "}\n"
	}
	long := strings.Repeat("x", 3000)
	for _, tc := range []struct {
		name, body string
		lim        config.Limits
		setting    string
		line       int64
		column     string
	}{
		{"long line", ok + `{"ticket_id":"T2","note":"` + long + `"}` + "\n", config.Limits{MaxLineBytes: 1000, MaxCellBytes: 1 << 20}, "max_line_bytes", 2, ""},
		{"long last line without a line break", ok + ok + `{"ticket_id":"` + long + `"}`, config.Limits{MaxLineBytes: 1000}, "max_line_bytes", 3, ""},
		{"long value", ok + `{"ticket_id":"T2","customer_id":"` + long + `"}` + "\n", config.Limits{MaxCellBytes: 1000}, "max_cell_bytes", 2, "customer_id"},
		{"many keys in the file", ok + keys(30), config.Limits{MaxColumns: 20}, "max_columns", 2, ""},
		{"many keys in a record", ok + `{"ticket_id":"T2"` + strings.Repeat(`,"ticket_id":"T2"`, 30) + "}\n", config.Limits{MaxColumns: 20}, "max_columns", 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, strings.ReplaceAll(tc.name, " ", "_")+".jsonl", []byte(tc.body))
			_, _, err := Validate(context.Background(), p, "tickets", config.Source{Limits: tc.lim}, cfg, Options{})
			var le *LimitError
			if !errors.As(err, &le) || !errors.Is(err, faults.ErrData) {
				t.Fatalf("err = %v; want a LimitError (exit 3)", err)
			}
			if le.File != p || le.Setting != tc.setting || le.Line != tc.line || le.Column != tc.column {
				t.Errorf("refused %s line %d column %q by %s, want %s line %d column %q by %s", le.File, le.Line, le.Column, le.Setting, p, tc.line, tc.column, tc.setting)
			}
			if msg := err.Error(); !strings.Contains(msg, "limits."+tc.setting) || len(msg) > 400 {
				t.Errorf("message %q should be short and name limits.%s", msg, tc.setting)
			}
		})
	}
	// Right at the limits, a file is read.
	p := writeFile(t, dir, "at_limit.jsonl", []byte(ok+ok))
	lim := config.Limits{MaxLineBytes: config.ByteSize(len(ok) - 1), MaxColumns: 3, MaxCellBytes: 16}
	if _, _, err := Validate(context.Background(), p, "tickets", config.Source{Limits: lim}, cfg, Options{}); err != nil {
		t.Errorf("a file at its limits is refused: %v", err)
	}
}

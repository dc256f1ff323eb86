package period

import (
	"strings"
	"testing"
)

// TestParseErrorQuotesTheInputAsTyped: the message must show what the
// operator typed, the whole range and its spaces included, not the half
// of a range or the trimmed text that failed.
func TestParseErrorQuotesTheInputAsTyped(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-13", `period "2026-13": want YYYY-MM`},
		{" 2026-1x ", `period " 2026-1x ": want YYYY-MM`},
		{"2026-01..2026-1x", `period "2026-01..2026-1x": want YYYY-MM`},
		{"2026-01x..2026-12", `period "2026-01x..2026-12": want YYYY-MM`},
		{"2026-Q5 ", `period "2026-Q5 ": want YYYY-Qn`},
		{"2025-12..2025-01", `period "2025-12..2025-01": range ends before it starts`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tt.in, err, tt.want)
		}
	}
}

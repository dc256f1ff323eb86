package config

import (
	"strings"
	"testing"
)

func TestSourceLimitsAreReadAndDefaulted(t *testing.T) {
	for _, tc := range []struct {
		name, limits string
		want         Limits
		err          string
	}{
		{name: "unset", want: DefaultLimits()},
		{name: "units", limits: "{max_columns: 50, max_cell_bytes: 64KiB, max_line_bytes: 2MB, max_unzipped_bytes: 1GiB, max_inflate_ratio: 20}",
			want: Limits{MaxColumns: 50, MaxCellBytes: 64 << 10, MaxLineBytes: 2e6, MaxUnzippedBytes: 1 << 30, MaxInflateRatio: 20}},
		{name: "partial", limits: "{max_cell_bytes: 4096}", want: func() Limits { l := DefaultLimits(); l.MaxCellBytes = 4096; return l }()},
		{name: "not a size", limits: "{max_cell_bytes: lots}", err: "not a size"},
		{name: "negative", limits: "{max_columns: -1}", err: "must not be negative"},
		{name: "typo", limits: "{max_colums: 5}", err: "max_colums"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := "version: 1\nsources:\n  - {name: s, kind: sales, path: drop/*.csv}\n"
			if tc.limits != "" {
				text = "version: 1\nsources:\n  - {name: s, kind: sales, path: drop/*.csv, limits: " + tc.limits + "}\n"
			}
			c, err := Parse("t.yaml", []byte(text))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one mentioning %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Sources[0].Limits.WithDefaults(); got != tc.want {
				t.Errorf("limits = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestByteSizeString(t *testing.T) {
	for in, want := range map[ByteSize]string{1 << 20: "1MiB", 1 << 30: "1GiB", 1000: "1000 bytes", 3 << 10: "3KiB"} {
		if got := in.String(); got != want {
			t.Errorf("%d: %q, want %q", int64(in), got, want)
		}
	}
}

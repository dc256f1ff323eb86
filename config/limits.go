package config

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/goccy/go-yaml/ast"
)

// Limits bound what reading one input file may cost, so that a hostile or
// broken export (a zip bomb, a gigabyte in one cell, twenty thousand
// columns) is refused with a clear error instead of exhausting memory.
// Zero means the default (DefaultLimits).
type Limits struct {
	MaxColumns       int      `yaml:"max_columns"`
	MaxCellBytes     ByteSize `yaml:"max_cell_bytes"`
	MaxLineBytes     ByteSize `yaml:"max_line_bytes"` // a CSV/TSV record, quoted line breaks included
	MaxUnzippedBytes ByteSize `yaml:"max_unzipped_bytes"`
	MaxInflateRatio  int      `yaml:"max_inflate_ratio"`
}

// WithDefaults fills every unset limit from DefaultLimits.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	if l.MaxColumns == 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxCellBytes == 0 {
		l.MaxCellBytes = d.MaxCellBytes
	}
	if l.MaxLineBytes == 0 {
		l.MaxLineBytes = d.MaxLineBytes
	}
	if l.MaxUnzippedBytes == 0 {
		l.MaxUnzippedBytes = d.MaxUnzippedBytes
	}
	if l.MaxInflateRatio == 0 {
		l.MaxInflateRatio = d.MaxInflateRatio
	}
	return l
}

func (l Limits) validate(bad func(string, ...any), where string) {
	if l.MaxColumns < 0 {
		bad("%s.limits.max_columns: %d must not be negative", where, l.MaxColumns)
	}
	if l.MaxInflateRatio < 0 {
		bad("%s.limits.max_inflate_ratio: %d must not be negative", where, l.MaxInflateRatio)
	}
}

// ByteSize is a size in bytes written as a number or with a unit: 64KiB,
// 1MiB, 2GB (KB, MB, GB are powers of 1000; KiB, MiB, GiB of 1024).
type ByteSize int64

var byteSizeRE = regexp.MustCompile(`^([0-9]+) ?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$`)

var byteUnits = map[string]int64{"": 1, "B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
	"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}

// UnmarshalYAML implements goccy/go-yaml's NodeUnmarshaler, so an error
// names the key and line (yamlerr.go).
func (b *ByteSize) UnmarshalYAML(node ast.Node) error {
	s := scalarText(node)
	m := byteSizeRE.FindStringSubmatch(s)
	if m == nil {
		return valueError(node, "%q is not a size such as 1048576, 64KiB or 1MiB", s)
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	unit := byteUnits[m[2]]
	if err != nil || n > (1<<62)/unit {
		return valueError(node, "%q is too large a size", s)
	}
	*b = ByteSize(n * unit)
	return nil
}

// String renders the size in the largest binary unit that divides it.
func (b ByteSize) String() string {
	for _, u := range []string{"TiB", "GiB", "MiB", "KiB"} {
		if n := int64(b); n != 0 && n%byteUnits[u] == 0 {
			return fmt.Sprintf("%d%s", n/byteUnits[u], u)
		}
	}
	return fmt.Sprintf("%d bytes", int64(b))
}

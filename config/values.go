package config

import (
	"math/big"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// Decimal is an exact rational read from the YAML text of a number, so that
// 0.05 means 1/20 and not the nearest binary float.
type Decimal struct{ r *big.Rat }

// D builds a Decimal from decimal text; it panics on bad text and is meant
// for defaults and tests.
func D(s string) Decimal {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("config: bad decimal " + s)
	}
	return Decimal{r}
}

// UnmarshalYAML implements goccy/go-yaml's NodeUnmarshaler: the node
// gives the exact text and, for an error, the key and line.
func (d *Decimal) UnmarshalYAML(node ast.Node) error {
	s := scalarText(node)
	pct := strings.HasSuffix(s, "%")
	s = strings.TrimSuffix(s, "%")
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "/eE") {
		return valueError(node, "%q is not a decimal number such as 0.05 or 5%%", scalarText(node))
	}
	if pct {
		r.Quo(r, big.NewRat(100, 1))
	}
	d.r = r
	return nil
}

// Rat returns a copy of the value (nil when unset).
func (d Decimal) Rat() *big.Rat {
	if d.r == nil {
		return nil
	}
	return new(big.Rat).Set(d.r)
}

// IsSet reports whether the value was given or defaulted.
func (d Decimal) IsSet() bool { return d.r != nil }

// String renders the value as a decimal (up to 10 places, trailing zeros trimmed).
func (d Decimal) String() string {
	if d.r == nil {
		return ""
	}
	if d.r.IsInt() {
		return d.r.RatString()
	}
	s := d.r.FloatString(10)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// Duration is a time.Duration written as "30s", "5m" or "1h30m".
type Duration time.Duration

// UnmarshalYAML implements goccy/go-yaml's NodeUnmarshaler.
func (d *Duration) UnmarshalYAML(node ast.Node) error {
	s := scalarText(node)
	v, err := time.ParseDuration(s)
	if err != nil {
		return valueError(node, "%q is not a duration such as 30s or 5m", s)
	}
	*d = Duration(v)
	return nil
}

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

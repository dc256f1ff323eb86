// Package money owns the exact representation of amounts: whole cents in an
// int64. No amount in salesops passes through a binary float; anything that
// needs more precision than a cent (shares, scores, raw allocations) uses
// math/big.Rat and comes back here only through an explicit rounding rule.
package money

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Cents is an amount in hundredths of the currency unit. DECIMAL(18,2) in the
// warehouse fits: 10^18 < 2^63.
type Cents int64

// ErrSyntax is returned by Parse for text that is not a plain decimal amount.
var ErrSyntax = errors.New("not a decimal amount with at most two places")

// Parse reads a plain decimal such as "-1234.5" or "0.07". It is the inverse
// of String and the form the warehouse and machine-readable files use; the
// many human formats of exports are the ingest package's business.
func Parse(s string) (Cents, error) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" && frac == "" || len(frac) > 2 || hasDot && frac == "" {
		return 0, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("%q: %w", s, ErrSyntax)
			}
		}
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	if neg {
		n = -n
	}
	return Cents(n), nil
}

// MustParse is Parse for constants in tests and examples.
func MustParse(s string) Cents {
	c, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

// String renders the amount as a plain decimal with exactly two places.
func (c Cents) String() string {
	n := int64(c)
	sign := ""
	if n < 0 {
		sign = "-"
	}
	u := uint64(n)
	if n < 0 {
		u = uint64(-n)
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// Rat returns the amount in currency units as an exact rational.
func (c Cents) Rat() *big.Rat { return big.NewRat(int64(c), 100) }

// FromUnscaled converts an unscaled decimal (as DuckDB hands DECIMAL values
// over) with the given scale to cents. It fails rather than round when the
// value has non-zero digits past the cent or does not fit.
func FromUnscaled(v *big.Int, scale uint8) (Cents, error) {
	n := new(big.Int).Set(v)
	switch {
	case scale < 2:
		n.Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(2-scale)), nil))
	case scale > 2:
		d := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale-2)), nil)
		q, r := new(big.Int).QuoRem(n, d, new(big.Int))
		if r.Sign() != 0 {
			return 0, fmt.Errorf("decimal %s (scale %d) has digits past the cent", v, scale)
		}
		n = q
	}
	if !n.IsInt64() {
		return 0, fmt.Errorf("decimal %s (scale %d) does not fit in cents", v, scale)
	}
	return Cents(n.Int64()), nil
}

// FloorRat rounds a rational amount in currency units down to the cent
// (towards negative infinity).
func FloorRat(r *big.Rat) Cents {
	num := new(big.Int).Mul(r.Num(), big.NewInt(100))
	q := new(big.Int)
	m := new(big.Int)
	q.DivMod(num, r.Denom(), m) // Euclidean: m ≥ 0, so q is the floor for a positive denominator
	return Cents(q.Int64())
}

// RoundHalfUpRat rounds a rational amount in currency units to the nearest
// cent, halves away from zero (the "half-up" of the spec and of finance).
func RoundHalfUpRat(r *big.Rat) Cents {
	abs := new(big.Rat).Abs(r)
	shifted := new(big.Rat).Mul(abs, big.NewRat(100, 1))
	shifted.Add(shifted, big.NewRat(1, 2))
	q := new(big.Int).Quo(shifted.Num(), shifted.Denom())
	if r.Sign() < 0 {
		q.Neg(q)
	}
	return Cents(q.Int64())
}

// FormatRat renders a rational with the given number of decimal places,
// rounded half away from zero. Machine-readable outputs use it for rates.
func FormatRat(r *big.Rat, places int) string {
	if r == nil {
		return ""
	}
	s := r.FloatString(places) // FloatString rounds half away from zero
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:]
	}
	return s
}

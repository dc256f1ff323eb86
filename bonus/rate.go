package bonus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/salesops/salesops/money"
)

// Rate is an exact rate as published and frozen: a share, a score, a
// multiplier or a plan setting. The zero Rate is null (an ineligible rep's
// share, a disabled cap). It never passes through a float, and text that
// is not an exact decimal is an error, not zero.
type Rate struct{ r *big.Rat }

// RateOf wraps r (nil is null); r is copied so the Rate cannot change under
// its holder.
func RateOf(r *big.Rat) Rate {
	if r == nil {
		return Rate{}
	}
	return Rate{new(big.Rat).Set(r)}
}

// ParseRate reads an exact decimal such as "0.125" or "-3"; "" is null.
// Fractions ("1/8"), exponents, percentages and anything else are refused,
// so a damaged record or column fails loudly instead of paying 0.
func ParseRate(s string) (Rate, error) {
	if s == "" {
		return Rate{}, nil
	}
	if !isDecimal(s) {
		return Rate{}, fmt.Errorf("rate %q is not an exact decimal", s)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return Rate{}, fmt.Errorf("rate %q is not an exact decimal", s)
	}
	return Rate{r}, nil
}

// isDecimal accepts [-]digits[.digits], the only shape RateString writes.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	digits := func(t string) bool {
		for _, c := range t {
			if c < '0' || c > '9' {
				return false
			}
		}
		return t != ""
	}
	return digits(whole) && (!dot || digits(frac))
}

// Null reports whether the rate is null.
func (r Rate) Null() bool { return r.r == nil }

// Rat returns a copy of the value, nil when null.
func (r Rate) Rat() *big.Rat {
	if r.r == nil {
		return nil
	}
	return new(big.Rat).Set(r.r)
}

// OrZero returns a copy of the value, 0 when null: for sums, where a null
// share adds nothing.
func (r Rate) OrZero() *big.Rat {
	if r.r == nil {
		return new(big.Rat)
	}
	return new(big.Rat).Set(r.r)
}

// String renders the rate as RateString does; null is "".
func (r Rate) String() string { return RateString(r.r) }

// MarshalJSON writes the exact decimal as a JSON string, null as null.
func (r Rate) MarshalJSON() ([]byte, error) {
	if r.r == nil {
		return []byte("null"), nil
	}
	return json.Marshal(r.String())
}

// UnmarshalJSON reads what MarshalJSON writes and refuses anything else
// (a number, which a JSON reader may have rounded, or bad text).
func (r *Rate) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*r = Rate{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("rate %s is not a decimal string: %w", b, err)
	}
	if s == "" {
		return fmt.Errorf("rate is an empty string (null is written as null)")
	}
	v, err := ParseRate(s)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// RateString is money.RateString, the one exact rate renderer.
func RateString(r *big.Rat) string { return money.RateString(r) }

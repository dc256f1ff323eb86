package money

import (
	"math/big"
	"strings"
)

// RateString renders an exact rate for machine-readable outputs: twelve
// decimal places (the spec asks agreement to 1e-9), trailing zeros trimmed.
// nil renders as the empty string (null). Bonus shares, KPI rates and
// scorecards all publish rates this one way.
func RateString(r *big.Rat) string {
	if r == nil {
		return ""
	}
	s := r.FloatString(12)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

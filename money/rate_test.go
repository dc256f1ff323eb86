package money

import (
	"math/big"
	"testing"
)

func TestRateString(t *testing.T) {
	tests := []struct {
		in   *big.Rat
		want string
	}{
		{nil, ""},
		{big.NewRat(0, 1), "0"},
		{big.NewRat(1, 8), "0.125"},
		{big.NewRat(2, 3), "0.666666666667"},
		{big.NewRat(-1, 3), "-0.333333333333"},
		{big.NewRat(-1, 10_000_000_000_000), "0"}, // rounds to -0 at the 12th place
		{big.NewRat(7000, 1), "7000"},
	}
	for _, tt := range tests {
		if got := RateString(tt.in); got != tt.want {
			t.Errorf("RateString(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCentsText(t *testing.T) {
	tests := []struct {
		in   string
		want Cents
		ok   bool
	}{
		{"1234.50", 123450, true},
		{"-0.07", -7, true},
		{"0.00", 0, true},
		{"1234.5", 0, false},
		{"+1.00", 0, false},
		{"1", 0, false},
		{"", 0, false},
		{"1,000.00", 0, false},
	}
	for _, tt := range tests {
		var c Cents
		err := c.UnmarshalText([]byte(tt.in))
		if (err == nil) != tt.ok || c != tt.want {
			t.Errorf("UnmarshalText(%q) = %d, %v", tt.in, c, err)
		}
		if tt.ok {
			if b, _ := c.MarshalText(); string(b) != tt.in {
				t.Errorf("MarshalText(%d) = %q, want %q", c, b, tt.in)
			}
		}
	}
}

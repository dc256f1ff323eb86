package money

import (
	"math/big"
	"testing"
)

func TestParseString(t *testing.T) {
	tests := []struct {
		in   string
		want Cents
		out  string
	}{
		{"0", 0, "0.00"},
		{"1234.5", 123450, "1234.50"},
		{"-0.07", -7, "-0.07"},
		{"+3.10", 310, "3.10"},
		{".5", 50, "0.50"},
		{"92233720368547758.07", 9223372036854775807, "92233720368547758.07"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			continue
		}
		if got.String() != tt.out {
			t.Errorf("String(%d) = %q, want %q", got, got.String(), tt.out)
		}
	}
	for _, bad := range []string{"", "-", "1.234", "1,0", "1.", "abc", "1e3", "99999999999999999999"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded, want error", bad)
		}
	}
}

func TestRounding(t *testing.T) {
	tests := []struct {
		r          *big.Rat
		floor, hup Cents
	}{
		{big.NewRat(1, 200), 0, 1},    // 0.005
		{big.NewRat(-1, 200), -1, -1}, // -0.005: half away from zero
		{big.NewRat(1, 3), 33, 33},    // 0.333…
		{big.NewRat(2, 3), 66, 67},    // 0.666…
		{big.NewRat(12345, 100), 12345, 12345},
	}
	for _, tt := range tests {
		if got := FloorRat(tt.r); got != tt.floor {
			t.Errorf("FloorRat(%s) = %d, want %d", tt.r, got, tt.floor)
		}
		if got := RoundHalfUpRat(tt.r); got != tt.hup {
			t.Errorf("RoundHalfUpRat(%s) = %d, want %d", tt.r, got, tt.hup)
		}
	}
}

func TestFromUnscaled(t *testing.T) {
	if c, err := FromUnscaled(big.NewInt(123450), 3); err != nil || c != 12345 {
		t.Errorf("FromUnscaled(123450,3) = %d, %v", c, err)
	}
	if _, err := FromUnscaled(big.NewInt(123451), 3); err == nil {
		t.Error("FromUnscaled(123451,3) succeeded, want sub-cent error")
	}
	if c, err := FromUnscaled(big.NewInt(5), 0); err != nil || c != 500 {
		t.Errorf("FromUnscaled(5,0) = %d, %v", c, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "1.5", "-12.34", ".1", "+7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			return
		}
		back, err := Parse(c.String())
		if err != nil || back != c {
			t.Fatalf("round trip of %q: %q -> %d, %v", s, c.String(), back, err)
		}
	})
}

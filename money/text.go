package money

import "fmt"

// MarshalText writes the amount as String does ("1234.50"), so that JSON
// carries money as exact decimal text and never as a float.
func (c Cents) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads exactly what MarshalText writes. A record that says
// "1234.5" or "+1" was not written by us, and is refused rather than read.
func (c *Cents) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	if v.String() != string(b) {
		return fmt.Errorf("%q is not an amount with exactly two places: %w", b, ErrSyntax)
	}
	*c = v
	return nil
}

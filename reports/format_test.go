package reports

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/salesops/salesops/money"
)

func TestFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{FormatMoney(money.MustParse("1234567.89"), "CNY"), "¥1,234,567.89"},
		{FormatMoney(money.MustParse("-12"), "CNY"), "-¥12.00"},
		{FormatMoney(money.MustParse("999.5"), "USD"), "$999.50"},
		{FormatMoney(money.MustParse("1000"), "CHF"), "CHF 1,000.00"},
		{FormatMoney(0, "CNY"), "¥0.00"},
		{FormatMoneyRat(big.NewRat(15000, 7), "CNY"), "¥2,142.86"},
		{FormatMoneyRat(nil, "CNY"), "—"},
		{FormatCount(1234567), "1,234,567"},
		{FormatCount(-1000), "-1,000"},
		{FormatCount(12), "12"},
		{FormatPercent(big.NewRat(1, 8)), "12.5%"},
		{FormatPercent(big.NewRat(1, 3)), "33.3%"},
		{FormatPercent(big.NewRat(2, 3)), "66.7%"},
		{FormatPercent(nil), "—"},
		{FormatSignedPercent(big.NewRat(1, 5)), "+20.0%"},
		{FormatSignedPercent(big.NewRat(-1, 4)), "-25.0%"},
		{FormatSignedPercent(new(big.Rat)), "0.0%"},
		{FormatDecimal(big.NewRat(43, 2), 1), "21.5"},
		{FormatDecimal(big.NewRat(-123456789, 100), 2), "-1,234,567.89"},
	}
	if got := chartNumber(big.NewRat(1, 3), 6); got != json.Number("0.333333") {
		t.Errorf("chartNumber(1/3) = %#v", got)
	}
	if got := chartNumber(nil, 2); got != nil {
		t.Errorf("chartNumber(nil) = %#v", got)
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

package reports

import (
	"encoding/json"
	"math/big"
	"strings"

	"github.com/salesops/salesops/money"
)

// Human formats of the dashboards and scorecards: currency symbol,
// thousands separators and percentages, as readers in both languages
// expect them (Chinese readers also group by thousands with "," in
// business documents). Machine-readable files never use these.

// currencySymbols are the symbols readers know; other currencies show
// their ISO code.
var currencySymbols = map[string]string{"CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "HKD": "HK$"}

// CurrencySymbol is the symbol of an ISO 4217 code, or the code and a space.
func CurrencySymbol(code string) string {
	if s, ok := currencySymbols[strings.ToUpper(code)]; ok {
		return s
	}
	if code == "" {
		return "¥"
	}
	return code + " "
}

// FormatMoney renders cents as "¥1,234,567.89" ("-¥12.00" when negative).
func FormatMoney(c money.Cents, currency string) string {
	s := c.String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return sign + CurrencySymbol(currency) + groupThousands(whole) + "." + frac
}

// FormatMoneyRat renders an exact amount rounded half-up to the cent
// (efficiency is an amount per follow-up); "—" for null.
func FormatMoneyRat(r *big.Rat, currency string) string {
	if r == nil {
		return "—"
	}
	return FormatMoney(money.RoundHalfUpRat(r), currency)
}

// FormatCount renders an integer with thousands separators.
func FormatCount(n int64) string {
	s := big.NewInt(n).String()
	if strings.HasPrefix(s, "-") {
		return "-" + groupThousands(s[1:])
	}
	return groupThousands(s)
}

// FormatDecimal renders an exact value with the given decimals and
// thousands separators; "—" for null.
func FormatDecimal(r *big.Rat, places int) string {
	if r == nil {
		return "—"
	}
	s := money.FormatRat(r, places)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, ok := strings.Cut(s, ".")
	if ok {
		return sign + groupThousands(whole) + "." + frac
	}
	return sign + groupThousands(whole)
}

// FormatPercent renders a fraction as a percentage: 0.125 → "12.5%" with
// one decimal place; "—" for null.
func FormatPercent(r *big.Rat) string {
	if r == nil {
		return "—"
	}
	return FormatDecimal(new(big.Rat).Mul(r, big.NewRat(100, 1)), 1) + "%"
}

// FormatSignedPercent is FormatPercent with an explicit "+" for gains, for
// lifts and changes.
func FormatSignedPercent(r *big.Rat) string {
	s := FormatPercent(r)
	if r != nil && !strings.HasPrefix(s, "-") && strings.Trim(s, "0.%") != "" {
		return "+" + s
	}
	return s
}

func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// chartNumber renders an exact value as a JSON number literal written
// from its decimal text, so chart data never passes through a float in
// Go; nil → JSON null (ECharts' empty value).
func chartNumber(r *big.Rat, places int) any {
	if r == nil {
		return nil
	}
	return json.Number(money.FormatRat(r, places))
}

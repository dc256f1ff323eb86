package warehouse

import (
	"fmt"
	"math/big"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// FormatValue renders a value scanned from DuckDB as exact text: decimals
// through big.Int, never a float; a date as YYYY-MM-DD; a timestamp with
// its fraction of a second when it has one; NULL as the empty string.
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case duckdb.Decimal:
		r := new(big.Rat).SetFrac(x.Value, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(x.Scale)), nil))
		return r.FloatString(int(x.Scale))
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format("2006-01-02 15:04:05.999999")
	case []byte:
		return string(x)
	default:
		return fmt.Sprint(x)
	}
}

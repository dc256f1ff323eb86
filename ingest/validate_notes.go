package ingest

import (
	"errors"
	"log/slog"
	"strings"
)

// noRatePrefix starts the reject reason of an amount in a currency with no
// rate for its month (transform.go's checks).
const noRatePrefix = "no fx rate for "

// warnMissingRates explains, for a file that had amounts in other
// currencies, why they were rejected: Validate found no warehouse to take
// exchange rates from. A file without such amounts gets no warning, since
// the rates would change nothing in it.
func warnMissingRates(log *slog.Logger, ratesErr error, rejects []Reject) {
	if ratesErr == nil {
		return
	}
	var n int
	for _, r := range rejects {
		if strings.HasPrefix(r.Reason, noRatePrefix) {
			n++
		}
	}
	if n > 0 {
		log.Warn("amounts in other currencies were rejected for want of a rate: validate found no warehouse to take exchange rates from (an ingest that loads the fx_rates export first would convert them)",
			"rejects", n, "err", ratesErr)
	}
}

// dryRunError words a refusal as what an ingest would do, and leaves the
// first rejects out of it: Validate's caller prints every reject, and each
// is said once.
func dryRunError(err error) {
	var te *ThresholdError
	if errors.As(err, &te) {
		te.First, te.DryRun = nil, true
	}
}

package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/salesops/salesops/i18n"
)

// qualityQueries are the data-quality notes of the dashboard. Each returns
// (count, detail) rows; the month's bounds are parameters ? ? where used.
// Rejects and warnings are those dated in the month and those with no
// date (a row whose date could not be read may belong to any month), as in
// the finance workbook.
var qualityQueries = []struct {
	key      string
	sql      string
	inPeriod bool
}{
	{"dq.rejects", `SELECT count(*), coalesce(kind, '?') || ': ' || coalesce(reason, '?') FROM rejects
		WHERE row_date IS NULL OR row_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) GROUP BY ALL ORDER BY 1 DESC, 2 LIMIT 10`, true},
	{"dq.warnings", `SELECT count(*), coalesce(kind, '?') || ': ' || coalesce(code, '?') FROM ingest_warnings
		WHERE row_date IS NULL OR row_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) GROUP BY ALL ORDER BY 1 DESC, 2 LIMIT 10`, true},
	{"dq.unknown_rep_deals", `SELECT count(*), string_agg(DISTINCT source_rep_id, ', ' ORDER BY source_rep_id) FROM ` + monthDealEvents + `
		WHERE rep_id = 'unknown' HAVING count(*) > 0`, true},
	{"dq.unknown_rep_followups", `SELECT count(*), string_agg(DISTINCT source_rep_id, ', ' ORDER BY source_rep_id) FROM ` + monthFollowups + `
		WHERE rep_id = 'unknown' HAVING count(*) > 0`, true},
	{"dq.unknown_rep_surveys", `SELECT count(*), '' FROM survey_facts WHERE rep_id = 'unknown' AND survey_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) HAVING count(*) > 0`, true},
	{"dq.unattributed_surveys", `SELECT count(*), '' FROM survey_facts WHERE rep_id = 'unattributed' AND survey_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) HAVING count(*) > 0`, true},
	// Deals whose customer_id the customer file lacks: customer_deals holds
	// one row a customer_id of deals, with its count of deals.
	{"dq.unknown_customers", `SELECT CAST(sum(d.deals) AS BIGINT), string_agg(d.customer_id, ', ' ORDER BY d.customer_id) FROM customer_deals d
		LEFT JOIN customers c USING (customer_id) WHERE c.customer_id IS NULL HAVING count(*) > 0`, false},
	{"dq.cancel_date_missing", `SELECT count(*), string_agg(deal_id, ', ' ORDER BY deal_id) FROM ` + monthDealEvents + `
		WHERE event = 'cancelled' AND cancel_date_missing HAVING count(*) > 0`, true},
}

// detailLimit keeps a note short: long id lists are cut.
const detailLimit = 160

func loadQuality(ctx context.Context, db *sql.DB, d *dashData) error {
	for _, q := range qualityQueries {
		var args []any
		if q.inPeriod {
			args = monthArgs(d.P.Start(), d.P.End())
		}
		rs, err := db.QueryContext(ctx, q.sql, args...)
		if err != nil {
			return fmt.Errorf("data-quality note %s: %w", q.key, err)
		}
		for rs.Next() {
			var n qualityNote
			var detail sql.NullString
			if err := rs.Scan(&n.Count, &detail); err != nil {
				rs.Close()
				return fmt.Errorf("data-quality note %s: %w", q.key, err)
			}
			n.Key, n.Detail = q.key, detail.String
			if r := []rune(n.Detail); len(r) > detailLimit {
				n.Detail = string(r[:detailLimit]) + "…"
			}
			if n.Count > 0 {
				d.Quality = append(d.Quality, n)
			}
		}
		err = rs.Err()
		rs.Close()
		if err != nil {
			return fmt.Errorf("data-quality note %s: %w", q.key, err)
		}
	}
	return nil
}

// text is the note as one line of plain text (escaped by the template).
func (n qualityNote) text(lang i18n.Lang) string {
	s := lang.T(n.Key) + ": " + FormatCount(n.Count)
	if strings.TrimSpace(n.Detail) != "" {
		s += " — " + problemText(lang, n.Key, n.Detail)
	}
	return s
}

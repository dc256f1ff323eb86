package transform_test

import (
	"context"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// Spans that clip to the same [a, b] (a customer's deals won on one
// day, or open since before the quarter) tie in the two windows of
// audit_followup_gaps, which could order the tie differently: a copy
// ordered after the island's first row by one window and before it by the
// other made an island of its own, and the quarter's days counted twice
// (active_days 182 in a 91-day quarter for 2 customers of the M company).
// Many customers with many tied spans, so that some tie is split.
func TestAuditGapsTiedSpansCountOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the audit for 20,000 customers")
	}
	ctx := context.Background()
	w := openTemp(t)
	if _, err := w.DB.ExecContext(ctx, `
INSERT INTO reps (rep_id) VALUES ('R');
INSERT INTO customers (customer_id, owner_rep_id) SELECT 'C' || i, 'R' FROM range(20000) t(i);
-- 25 open deals each, created before the quarter: 25 spans clipped to
-- the whole quarter.
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date)
SELECT 'D' || i || '-' || k, 'C' || i, 'R', 'open', 1, DATE '2025-01-01' + CAST(k AS INTEGER), NULL
FROM range(20000) t(i), range(25) s(k);
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at)
SELECT 'F' || i, 'C' || i, 'R', TIMESTAMP '2025-07-05 09:00' FROM range(20000) t(i);`); err != nil {
		t.Fatal(err)
	}
	buildModels(t, w, config.Default(), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), "audit_followup_gaps")
	// 2025-07-01 to 2025-09-30.
	var n, wrong int
	var worst int64
	if err := w.DB.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE active_days <> 92), max(active_days)
		FROM audit_followup_gaps WHERE period = '2025-Q3'`).Scan(&n, &wrong, &worst); err != nil {
		t.Fatal(err)
	}
	if n != 20000 || wrong != 0 {
		t.Errorf("2025-Q3: %d customers, %d with active_days other than 92 (largest %d)", n, wrong, worst)
	}
}

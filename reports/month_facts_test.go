package reports

import (
	"context"
	"fmt"
	"testing"

	"github.com/salesops/salesops/period"
)

// monthFactsFixture has a deal or follow-up on each side of every edge the
// month's subqueries split on: won, lost and cancelled events on the first
// and last day; a deal closed in one month and cancelled in the next (each
// event in its own month); one cancelled before it closed (a bad export:
// the cancellation in the earlier month, the win in the later); one
// cancelled without a cancel date (both events on its close date); and
// follow-ups at a month's first and last instant and the next's first.
const monthFactsFixture = `INSERT INTO reps (rep_id, name, team, region, hire_date) VALUES ('R1', 'Rep One', 'T1', 'G1', DATE '2020-01-01');
INSERT INTO customers (customer_id, company_name, owner_rep_id) VALUES ('C1', 'One Ltd', 'R1');
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, cancel_date) VALUES
('D01', 'C1', 'R1', 'won', 1.00, DATE '2026-09-01', DATE '2026-10-01', NULL),
('D02', 'C1', 'R1', 'won', 2.00, DATE '2026-09-01', DATE '2026-10-31', NULL),
('D03', 'C1', 'R1', 'lost', 3.00, DATE '2026-09-01', DATE '2026-10-15', NULL),
('D04', 'C1', 'R1', 'cancelled', 4.00, DATE '2026-09-01', DATE '2026-09-30', DATE '2026-10-01'),
('D05', 'C1', 'R1', 'cancelled', 5.00, DATE '2026-09-01', DATE '2026-10-31', DATE '2026-11-01'),
('D06', 'C1', 'R1', 'cancelled', 6.00, DATE '2026-09-01', DATE '2026-10-10', DATE '2026-10-20'),
('D07', 'C1', 'R1', 'cancelled', 7.00, DATE '2026-09-01', DATE '2026-11-02', DATE '2026-10-31'),
('D08', 'C1', 'R1', 'cancelled', 8.00, DATE '2026-09-01', DATE '2026-10-12', NULL),
('D09', 'C1', 'R1', 'cancelled', 9.00, DATE '2026-09-01', NULL, DATE '2026-10-12'),
('D10', 'C1', 'X9', 'won', 10.00, DATE '2026-09-01', DATE '2026-10-05', NULL),
('D11', 'C1', 'R1', 'open', 11.00, DATE '2026-09-01', NULL, NULL);
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage, result) VALUES
('F1', 'C1', 'R1', TIMESTAMP '2026-09-30 23:59:59.999999', 'development', 'x'),
('F2', 'C1', 'R1', TIMESTAMP '2026-10-01 00:00:00', 'development', 'x'),
('F3', 'C1', 'R1', TIMESTAMP '2026-10-31 23:59:59.999999', 'follow_up', 'x'),
('F4', 'C1', 'X9', TIMESTAMP '2026-11-01 00:00:00', 'follow_up', 'x');
`

// The month's subqueries hold, for every month, exactly the rows of the
// fact view whose computed day falls in it: each deal event once, none of
// another month's. The drill-down, the deal sheet and the data-quality card
// all read through them.
func TestMonthSubqueriesEqualTheViewsFilteredByDay(t *testing.T) {
	ctx := context.Background()
	w := buildWarehouse(t, monthFactsFixture, syntheticConfig(), syntheticAsOf)
	cases := []struct {
		name, sub, view, day string
	}{
		{"deal events", monthDealEvents, "deal_events", "event_date"},
		{"follow-ups", monthFollowups, "followup_facts", "followup_date"},
	}
	wantRows := map[string]map[string]int{
		"deal events": {"2026-09": 1, "2026-10": 11, "2026-11": 2},
		"follow-ups":  {"2026-09": 1, "2026-10": 2, "2026-11": 1},
	}
	for _, c := range cases {
		for _, month := range []string{"2026-09", "2026-10", "2026-11"} {
			p := period.MustParse(month)
			args := monthArgs(p.Start(), p.End())
			want := fmt.Sprintf("SELECT * FROM %s WHERE %s BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)", c.view, c.day)
			got := "SELECT * FROM " + c.sub + " x"
			var n, extra, missing int
			q := fmt.Sprintf(`SELECT (SELECT count(*) FROM (%[1]s)),
				(SELECT count(*) FROM (%[1]s EXCEPT ALL %[2]s)), (SELECT count(*) FROM (%[2]s EXCEPT ALL %[1]s))`, got, want)
			if err := w.DB.QueryRowContext(ctx, q, args...).Scan(&n, &extra, &missing); err != nil {
				t.Fatalf("%s of %s: %v", c.name, month, err)
			}
			if extra != 0 || missing != 0 || n != wantRows[c.name][month] {
				t.Errorf("%s of %s: %d rows, %d not in the view's month, %d of it missing; want %d, 0, 0",
					c.name, month, n, extra, missing, wantRows[c.name][month])
			}
		}
	}
}

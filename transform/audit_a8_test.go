package transform_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// TestA8PlanIsKeptByAnotherFollowup pins what "another follow-up with that
// customer in [N, N + grace]" means where audit_opp_followups finds the
// first follow-up day on or after N once (an ASOF join) instead of
// joining every follow-up of the customer: the plan's own follow-up, when
// dated in its window, does not keep it, but another one the same day or a
// later day within grace does, also when the plan's own day comes first.
func TestA8PlanIsKeptByAnotherFollowup(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	if _, err := w.DB.ExecContext(ctx, `
INSERT INTO reps (rep_id, name) VALUES ('A', 'Ann');
INSERT INTO customers (customer_id, company_name, owner_rep_id) VALUES
  ('c1', 'c1', 'A'), ('c2', 'c2', 'A'), ('c3', 'c3', 'A'), ('c4', 'c4', 'A'), ('c5', 'c5', 'A'), ('c6', 'c6', 'A'),
  ('c7', 'c7', 'A'), ('c8', 'c8', 'A'), ('c9', 'c9', 'A'), ('c10', 'c10', 'A');
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, close_date) VALUES ('d1', 'c1', 'A', 'won', 1.00, DATE '2026-07-10');
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, content, result, next_followup_date) VALUES
  ('s1', 'c1', 'A', TIMESTAMP '2026-07-10 10:00', 'x', 'y', DATE '2026-07-10'), -- only itself in [07-10, 07-13]
  ('s2', 'c2', 'A', TIMESTAMP '2026-07-10 10:00', 'x', 'y', DATE '2026-07-10'),
  ('o2', 'c2', 'A', TIMESTAMP '2026-07-10 15:00', 'x', 'y', NULL),              -- another the same day: kept
  ('s3', 'c3', 'A', TIMESTAMP '2026-07-10 10:00', 'x', 'y', DATE '2026-07-10'),
  ('o3', 'c3', 'A', TIMESTAMP '2026-07-12 10:00', 'x', 'y', NULL),              -- a later day within grace: kept
  ('s4', 'c4', 'A', TIMESTAMP '2026-07-10 10:00', 'x', 'y', DATE '2026-07-10'),
  ('o4', 'c4', 'A', TIMESTAMP '2026-07-14 10:00', 'x', 'y', NULL),              -- N + 4: too late
  ('s5', 'c5', 'A', TIMESTAMP '2026-07-01 10:00', 'x', 'y', DATE '2026-07-10'),
  ('o5', 'c6', 'A', TIMESTAMP '2026-07-11 10:00', 'x', 'y', NULL),             -- another customer's
  ('s7', 'c7', 'A', TIMESTAMP '2026-07-10 10:00', 'x', 'y', DATE '2026-07-10'), -- its own day first,
  ('o7', 'c7', 'A', TIMESTAMP '2026-07-13 10:00', 'x', 'y', NULL),              -- then another at N + 3: kept
  ('s8', 'c8', 'A', TIMESTAMP '2026-07-10 10:00', 'x', 'y', DATE '2026-07-10'), -- its own day first,
  ('o8', 'c8', 'A', TIMESTAMP '2026-07-15 10:00', 'x', 'y', NULL),              -- then another too late
  ('s9', 'c9', 'A', TIMESTAMP '2026-07-12 10:00', 'x', 'y', DATE '2026-07-10'), -- dated after N, in its window:
  ('o9', 'c9', 'A', TIMESTAMP '2026-07-11 10:00', 'x', 'y', NULL),              -- another before it: kept
  ('s10', 'c10', 'A', TIMESTAMP '2026-07-12 10:00', 'x', 'y', DATE '2026-07-10'); -- only itself, after N
`); err != nil {
		t.Fatal(err)
	}
	buildModels(t, w, config.Default(), time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), "audit_opp_followups")
	// A kept plan is a pass, which keeps no key: the nine plans are the
	// five failed by name and four kept.
	rows, err := w.DB.QueryContext(ctx, `SELECT coalesce(opportunity_key, 'kept'), failed FROM audit_opp_followups
		WHERE check_id = 'A8' AND period = '2026-Q3' ORDER BY opportunity_key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var failed, kept []string
	for rows.Next() {
		var key string
		var f bool
		if err := rows.Scan(&key, &f); err != nil {
			t.Fatal(err)
		}
		if f {
			failed = append(failed, key)
		} else {
			kept = append(kept, key)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	wantFailed := []string{"followup:s1", "followup:s10", "followup:s4", "followup:s5", "followup:s8"}
	wantKept := []string{"kept", "kept", "kept", "kept"} // s2, s3, s7 and s9
	if !slices.Equal(failed, wantFailed) || !slices.Equal(kept, wantKept) {
		t.Errorf("A8 findings %v, kept %v; want findings %v, kept %v", failed, kept, wantFailed, wantKept)
	}
}

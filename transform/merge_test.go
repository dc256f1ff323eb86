package transform

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMergeEqualsAFullBuild is TestKeyedRefreshEqualsAFullBuild on days
// that add follow-ups and change none: the merged models take them by a
// merge, and every model must still hold the rows of a full build.
func TestMergeEqualsAFullBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("three seeds of six batches, each transformed twice: about ten seconds")
	}
	for _, seed := range []uint64{4, 5, 6} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { keyedAgainstFull(t, seed, true) })
	}
}

// TestMergeFirstTouch adds one follow-up to a customer whose first touch
// is F5, tied at its time with F7, and checks which follow-up lead_facts
// then names, how many touches it counts, and that the merge (not a
// rebuild) made it so, with the rows of a full build.
func TestMergeFirstTouch(t *testing.T) {
	if testing.Short() {
		t.Skip("two transforms of a small company a case")
	}
	const first = "2025-03-10 09:00:00"
	for _, tc := range []struct {
		name, id, at       string
		wantID, wantRep    string
		wantTouches, years int
	}{
		{"a tie with a smaller id wins", "F3", first, "F3", "R3", 3, 1},
		{"a tie with a larger id loses", "F9", first, "F5", "R1", 3, 1},
		{"an earlier one wins", "F9", "2025-03-10 08:59:59", "F9", "R3", 3, 1},
		{"a later one adds a touch", "F1", "2025-03-10 09:00:01", "F5", "R1", 3, 1},
		{"one of the year before is the first", "F9", "2024-12-31 23:00:00", "F9", "R3", 3, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			c := newKeyedCompany(t, 1, "lead_facts", "customer_year_stages")
			add := func(b int64, id, rep, at string) stmt {
				return stmt{`INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage, _batch)
					VALUES (?, 'C01', ?, CAST(? AS TIMESTAMP), 'development', ?)`, []any{id, rep, at, b}}
			}
			batch := func(b int64, rows ...stmt) {
				c.exec(append([]stmt{{`INSERT INTO ingest_batches VALUES (?, now(), now(), 'committed', 1, NULL)`, []any{b}}}, rows...))
				c.stamps["followups"] = fmt.Sprint(b)
			}
			c.exec([]stmt{{`INSERT INTO reps (rep_id, name, _batch) VALUES ('R1', 'one', 1), ('R2', 'two', 1), ('R3', 'three', 1)`, nil}})
			c.stamps["reps"], c.stamps["deals"], c.stamps["customers"] = "1", "1", "1"
			batch(1, add(1, "F5", "R1", first), add(1, "F7", "R2", first))
			if _, err := Run(ctx, c.w, c.opt); err != nil {
				t.Fatal(err)
			}
			batch(2, add(2, tc.id, "R3", tc.at))
			res, err := Run(ctx, c.w, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(res.Merged, "customer_year_followups") {
				t.Errorf("merged %v, built %v; want customer_year_followups merged", res.Merged, res.Models)
			}
			var id, rep string
			var touches, years int
			if err := c.w.DB.QueryRow(`SELECT followup_id, rep_id, touches, (SELECT count(*) FROM customer_year_followups)
				FROM lead_facts WHERE customer_id = 'C01'`).Scan(&id, &rep, &touches, &years); err != nil {
				t.Fatal(err)
			}
			if id != tc.wantID || rep != tc.wantRep || touches != tc.wantTouches || years != tc.years {
				t.Errorf("first touch %s by %s, %d touches, %d years; want %s by %s, %d, %d",
					id, rep, touches, years, tc.wantID, tc.wantRep, tc.wantTouches, tc.years)
			}
			merged := map[string][]string{}
			for _, m := range []string{"customer_year_followups", "lead_facts", "customer_year_stages"} {
				merged[m] = tableRows(t, c.w, m)
			}
			full := c.opt
			full.Full = true
			if _, err := Run(ctx, c.w, full); err != nil {
				t.Fatal(err)
			}
			for m, got := range merged {
				if diff := cmp.Diff(tableRows(t, c.w, m), got); diff != "" {
					t.Errorf("%s differs from a full build (-full +merged):\n%s", m, diff)
				}
			}
		})
	}
}

package transform

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestKeyedKeyTestsFindEveryDuplicate: on a new day the canonical key
// tests read only the keys written since they last passed, and still
// fail on a key held twice, whether the second row came as a batch (the
// keyed check) or was written outside ingest (which the row counts give
// away, and the test reads everything). A day with nothing wrong passes
// by the keyed check, so the cases above are not all full checks.
func TestKeyedKeyTestsFindEveryDuplicate(t *testing.T) {
	if testing.Short() {
		t.Skip("a few transforms of a small company: seconds")
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		stmts []stmt // after two good batches
		tbl   string // the stamp they move
		test  string // the test that must fail, "" for none
		key   string
	}{
		{name: "a good day", stmts: nil, tbl: "deals"},
		{name: "a deal's key again in a new batch", tbl: "deals", test: "deal_keys_unique", key: "D0007", stmts: []stmt{
			{`INSERT INTO ingest_batches VALUES (3, now(), now(), 'committed', 1, NULL)`, nil},
			{insertDeal, []any{"D0007", "C01", "R1", "won", "10.00", time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), nil, nil, int64(3)}},
		}},
		{name: "a follow-up's key again in a new batch", tbl: "followups", test: "followup_keys_unique", key: "F0011", stmts: []stmt{
			{`INSERT INTO ingest_batches VALUES (3, now(), now(), 'committed', 1, NULL)`, nil},
			{insertFollowup, []any{"F0011", "C02", "R2", time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC), "development", int64(3)}},
		}},
		{name: "a deal's key again outside ingest, as of an old batch", tbl: "deals", test: "deal_keys_unique", key: "D0009", stmts: []stmt{
			{insertDeal, []any{"D0009", "C01", "R1", "lost", "10.00", time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), nil, nil, int64(1)}},
		}},
		{name: "a follow-up's key again outside ingest, with no batch", tbl: "followups", test: "followup_keys_unique", key: "F0004", stmts: []stmt{
			{`INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, stage) VALUES ('F0004', 'C03', 'R3', TIMESTAMP '2025-08-01 08:00', 'other')`, nil},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newKeyedCompany(t, 9, "deal_events", "followup_facts")
			for b := int64(1); b <= 2; b++ {
				c.batch(b)
				res, err := Run(ctx, c.w, c.opt)
				if err != nil {
					t.Fatalf("batch %d: %v", b, err)
				}
				keyed := slices.Contains(res.KeyedTests, "deal_keys_unique") && slices.Contains(res.KeyedTests, "followup_keys_unique")
				if want := b == 2; keyed != want {
					t.Fatalf("batch %d: keyed tests %v; want both key tests keyed: %v", b, res.KeyedTests, want)
				}
			}
			c.exec(tc.stmts)
			c.stamps[tc.tbl] += " and then"
			res, err := Run(ctx, c.w, c.opt)
			if tc.test == "" {
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Contains(res.KeyedTests, "deal_keys_unique") {
					t.Errorf("a good day ran keyed tests %v; want deal_keys_unique keyed", res.KeyedTests)
				}
				return
			}
			var de *DataTestError
			if !errors.As(err, &de) || de.Test != tc.test {
				t.Fatalf("got %v; want data test %s to fail", err, tc.test)
			}
			if de.Count != 1 || len(de.Rows) != 1 || !strings.Contains(strings.Join(de.Rows[0], "|"), tc.key) {
				t.Errorf("%s found %d rows %v; want the one key %s", tc.test, de.Count, de.Rows, tc.key)
			}
		})
	}
}

package transform_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/transform"
	"github.com/salesops/salesops/warehouse"
)

// testdata/audit_pending_case.sql, as of 2026-10-02: Q3's audit_end is its
// last day, 09-30. Only A7 is weighted (the others 0), so a score is
// 100 × (1 − the rep's A7 rate). Windows are [close, close + 60]:
//
//	w1 A  close 09-20, window to 11-19, open on 09-30      pending (not counted)
//	w2 A  close 07-22, to 09-20, no survey                  finding
//	w3 A  close 07-10, to 09-08, survey 08-01               passed
//	w4 A  close 07-05, to 09-03, survey 09-03 (day 60)      passed
//	w5 B  close 07-06, to 09-04, survey 09-05 (day 61)      finding
//	w6 M  close 06-01 (Q2), to 07-31: pending in Q2, judged in Q3: finding
//	w7 Z9 close 08-01, survey 08-02: passed (rep unknown)
//
// Q3 A7: A 1/3 → 100 × (1 − 1/3) = 66.67 (counting w1 as failed would give
// 2/4 → 50); B 1/1 → 0; M 1/1 → 0; the check 3/6 with 1 pending.
// Owners: A's findings go to A's manager M, B's to B, M's to M, unknown's
// (w7's A5, no follow-up before signing, and A9, a rep not in the roster)
// to "unassigned". Due: 09-30 + 14.
//
// Then w2 is waived and w5 acknowledged, and the transform rerun: the ids
// do not move; A7 of A is 0/2 → 100 (waived: not counted), B still 1/1 → 0
// (acknowledged: counted), and both findings carry their response. k6 lacks
// industry in Q2 and Q3: Q3's A1 finding is a repeat and shows Q2's ack.
func TestAuditWindowsAndResponses(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	for _, c := range config.AuditChecks {
		cfg.Audit.Weights[c] = config.D("0")
	}
	cfg.Audit.Weights["A7"] = config.D("1")
	asOf := time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)
	w := transformFixture(t, "audit_pending_case.sql", cfg, asOf)

	// Every opportunity is a row of audit_opp_deals, a pass without its
	// deal; audit_opportunities lists the failed and pending ones, and one
	// it does not list is counted.
	a7 := `SELECT concat_ws(' ', d.period, coalesce(d.deal_id, '-'), d.rep_id,
		CASE WHEN d.pending THEN 'pending' WHEN d.failed THEN 'failed' ELSE 'passed' END,
		coalesce(strftime(d.window_closes, '%Y-%m-%d'), '-'), coalesce(o.counted, true))
		FROM audit_opp_deals d LEFT JOIN audit_opportunities o USING (period, check_id, opportunity_key)
		WHERE d.check_id = 'A7' AND d.period IN ('2026-Q2', '2026-Q3', '2026-Q4') ORDER BY d.period, d.deal_id NULLS LAST, d.rep_id`
	want := []string{
		"2026-Q2 w6 M pending 2026-07-31 false",
		"2026-Q3 w1 A pending 2026-11-19 false",
		"2026-Q3 w2 A failed 2026-09-20 true",
		"2026-Q3 w5 B failed 2026-09-04 true",
		"2026-Q3 w6 M failed 2026-07-31 true",
		"2026-Q3 - A passed - true", // w3 and w4
		"2026-Q3 - A passed - true",
		"2026-Q3 - unknown passed - true", // w7
		// w1's window closes after Q4's audit_end (10-02): not judged yet.
	}
	if diff := cmp.Diff(want, queryStrings(t, w.DB, a7)); diff != "" {
		t.Errorf("A7 opportunities (-want +got):\n%s", diff)
	}
	scores := `SELECT concat_ws(' ', rep_id, coalesce(CAST(round(score, 2) AS VARCHAR), '-')) FROM audit_rep_summary
		WHERE period = '2026-Q3' AND rep_id IN ('A', 'B', 'M') ORDER BY rep_id`
	if diff := cmp.Diff([]string{"A 66.67", "B 0.0", "M 0.0"}, queryStrings(t, w.DB, scores)); diff != "" {
		t.Errorf("Q3 scores (-want +got):\n%s", diff)
	}
	check := `SELECT concat_ws(' ', findings, opportunities, pending, waived) FROM audit_check_summary WHERE period = '2026-Q3' AND check_id = 'A7'`
	if diff := cmp.Diff([]string{"3 6 1 0"}, queryStrings(t, w.DB, check)); diff != "" {
		t.Errorf("Q3 A7 summary (-want +got):\n%s", diff)
	}
	owners := `SELECT concat_ws(' ', check_id, coalesce(deal_id, customer_id), rep_id, owner_id, owner_name, strftime(due_date, '%Y-%m-%d'))
		FROM audit_findings WHERE period = '2026-Q3' AND (check_id = 'A7' OR deal_id = 'w7') ORDER BY 1`
	if diff := cmp.Diff([]string{
		"A5 w7 unknown unassigned unassigned 2026-10-14",
		"A7 w2 A M Mei 2026-10-14",
		"A7 w5 B B Bo 2026-10-14",
		"A7 w6 M M Mei 2026-10-14",
		"A9 w7 unknown unassigned unassigned 2026-10-14",
	}, queryStrings(t, w.DB, owners)); diff != "" {
		t.Errorf("owners and due dates (-want +got):\n%s", diff)
	}

	id := func(period, check, key string) string {
		t.Helper()
		ids := queryStrings(t, w.DB, `SELECT finding_id FROM audit_findings WHERE period = ? AND check_id = ? AND opportunity_key = ?`, period, check, key)
		if len(ids) != 1 {
			t.Fatalf("%s %s %s: ids %v", period, check, key, ids)
		}
		return ids[0]
	}
	w2, w5, k6q2 := id("2026-Q3", "A7", "deal:w2"), id("2026-Q3", "A7", "deal:w5"), id("2026-Q2", "A1", "customer:k6")
	if w2 != "A7-2026Q3-"+md5Prefix(t, w, "deal:w2") {
		t.Errorf("finding id %s is not the check, quarter and subject", w2)
	}
	at := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)
	for _, r := range []warehouse.AuditResponse{
		{FindingID: w2, Action: "waive", By: "Lee", Note: "deal cancelled in the ERP", At: at},
		{FindingID: w5, Action: "ack", By: "Bo", Note: "survey sent", At: at},
		{FindingID: k6q2, Action: "ack", By: "Mei", Note: "asking the customer", At: at.AddDate(0, -3, 0)},
	} {
		if _, err := w.RecordAuditResponse(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.RecordAuditResponse(ctx, warehouse.AuditResponse{FindingID: "A7-2026Q3-000000000000", Action: "ack", By: "x", At: at}); !errors.Is(err, warehouse.ErrNoFinding) {
		t.Errorf("an unknown finding: %v, want ErrNoFinding", err)
	}
	if _, err := transform.Run(ctx, w, transform.Standard(cfg, asOf, nil, bonusStep(t, cfg))); err != nil {
		t.Fatal(err)
	}

	if got := id("2026-Q3", "A7", "deal:w2") + " " + id("2026-Q3", "A7", "deal:w5"); got != w2+" "+w5 {
		t.Errorf("ids moved on rerun: %s, were %s %s", got, w2, w5)
	}
	if diff := cmp.Diff([]string{"A 100.0", "B 0.0", "M 0.0"}, queryStrings(t, w.DB, scores)); diff != "" {
		t.Errorf("Q3 scores after the responses (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"2 5 1 1"}, queryStrings(t, w.DB, check)); diff != "" {
		t.Errorf("Q3 A7 summary after the responses (-want +got):\n%s", diff)
	}
	resp := `SELECT concat_ws(' | ', check_id, coalesce(deal_id, customer_id), waived, repeat, coalesce(response, '-'), coalesce(response_by, '-'),
		coalesce(response_note, '-'), coalesce(prev_response, '-'), coalesce(prev_response_by, '-'), coalesce(prev_finding_id, '-'))
		FROM audit_findings WHERE period = '2026-Q3' AND (check_id = 'A7' OR (check_id = 'A1' AND customer_id = 'k6')) ORDER BY 1`
	if diff := cmp.Diff([]string{
		"A1 | k6 | false | true | - | - | - | ack | Mei | " + k6q2,
		"A7 | w2 | true | false | waive | Lee | deal cancelled in the ERP | - | - | -",
		"A7 | w5 | false | false | ack | Bo | survey sent | - | - | -",
		"A7 | w6 | false | false | - | - | - | - | - | -",
	}, queryStrings(t, w.DB, resp)); diff != "" {
		t.Errorf("responses and repeats (-want +got):\n%s", diff)
	}
}

func md5Prefix(t *testing.T, w *warehouse.Warehouse, s string) string {
	t.Helper()
	return queryStrings(t, w.DB, `SELECT left(md5(?), 12)`, s)[0]
}

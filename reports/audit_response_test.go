package reports

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/i18n"
)

// The audit fixture with three responses recorded before the transform
// (ids: check, quarter, the first 12 hex digits of md5 of the thing checked):
// t2's A6 finding acknowledged, d11's A7 finding waived, and Q2's A1 finding
// on c2 acknowledged; c2 still lacks its industry in Q3, so Q3's A1 finding
// on c2 is a repeat and shows Q2's answer.
//
// Q2 had 8 findings (A: A1 c2, A2 c1 and c2, A7 d1; B: A2 c4; C: A1 c8,
// A2 c8; unattributed: the rejected row of 06-01); A1 c2, A2 c2 and A2 c8
// repeat in Q3: "1 acknowledged, 0 waived, 7 unanswered; 3 repeat".
// The waiver takes d11 out of unknown's A7 (1/1 → 0/0: the check leaves its
// mean): 100·(1 − 2.8/6) = 53.3 instead of 45.7.
func TestAuditShowsResponses(t *testing.T) {
	fixture, err := os.ReadFile("../transform/testdata/audit_case.sql")
	if err != nil {
		t.Fatal(err)
	}
	responses := `;
INSERT INTO audit_responses VALUES
  ('A6-2026Q3-fc994bad3b16', 'ack', 'Mei', 'customer called back', TIMESTAMP '2026-10-05 09:00', NULL),
  ('A7-2026Q3-2496e2dd992d', 'waive', 'Lee', 'duplicate of d10', TIMESTAMP '2026-10-06 09:00', NULL),
  ('A1-2026Q2-be67bb8bbb79', 'ack', 'Ann', 'asking for the industry', TIMESTAMP '2026-07-03 09:00', NULL);`
	db := buildWarehouse(t, string(fixture)+responses, config.Default(), time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)).DB

	lb := auditLabelsFor(i18n.EN)
	r, err := loadAudit(context.Background(), db, "2026-Q3", lb)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Reps {
		if p.ID == "unknown" && (!p.Score.Valid || auditScore(p.Score) != "53.3") {
			t.Errorf("unknown's score %v, want 53.3 with d11 waived", p.Score)
		}
	}
	for _, c := range r.Checks {
		if c.ID == "A7" && (c.Findings != 0 || c.Waived != 1) {
			t.Errorf("A7: %d findings, %d waived; want 0 and 1", c.Findings, c.Waived)
		}
	}

	_, paths := writeAuditFor(t, db, "en")
	page, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"acknowledged by Mei on 2026-10-05: customer called back",
		`<span class="tag waived">waived</span>`,
		"last quarter (A1-2026Q2-be67bb8bbb79): acknowledged by Ann on 2026-07-03: asking for the industry",
		`<span class="tag repeat">repeat</span>`,
		"2026-Q2&#39;s 8 findings: 1 acknowledged, 0 waived, 7 unanswered; 3 repeat this quarter.",
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}

	b, err := os.ReadFile(paths[2])
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, rec := range recs[1:] {
		got[rec[7]] = strings.Join(rec[8:], "|")
	}
	for id, want := range map[string]string{
		"A6-2026Q3-fc994bad3b16": "finding|A|2026-10-14||false|acknowledged by Mei on 2026-10-05: customer called back",
		"A7-2026Q3-2496e2dd992d": "waived|unassigned|2026-10-14||false|waived by Lee on 2026-10-06: duplicate of d10",
		"A1-2026Q3-be67bb8bbb79": "finding|A|2026-10-14||true|last quarter (A1-2026Q2-be67bb8bbb79): acknowledged by Ann on 2026-07-03: asking for the industry",
	} {
		if got[id] != want {
			t.Errorf("CSV %s: %q, want %q", id, got[id], want)
		}
	}
}

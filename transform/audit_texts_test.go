package transform_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestAuditTextsOfEveryReason holds the English and Chinese texts of the
// follow-up and deal checks' listed rows to testdata/audit_texts.golden:
// every reason they list a row for, pending, failed and carried over.
// audit_opp_followups and audit_opp_deals keep the reason and
// audit_opportunities writes the texts from it when read; the golden file
// was written by the models that wrote the texts themselves, so it holds
// the texts to what they were.
func TestAuditTextsOfEveryReason(t *testing.T) {
	w := transformFixture(t, "audit_texts_case.sql", config.Default(), time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC))
	got := strings.Join(queryStrings(t, w.DB, `SELECT concat_ws(' | ', period, check_id, opportunity_key,
			CASE WHEN pending THEN 'pending' WHEN failed THEN 'failed' END, detail, detail_zh)
		FROM audit_opportunities WHERE check_id IN ('A3', 'A4', 'A5', 'A7', 'A8') ORDER BY period, check_id, opportunity_key`), "\n") + "\n"
	path := filepath.Join("testdata", "audit_texts.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("texts (-%s +got):\n%s", path, diff)
	}
}

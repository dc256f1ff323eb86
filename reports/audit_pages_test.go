package reports

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/i18n"
)

// TestAuditCSVPagesListAsOneQuery reads the fixture quarter's findings and
// pending windows in pages of 1, 2, 3 and 5 rows and a page larger than
// the quarter, and finds every row, in the order one unpaged query lists
// them (the scan before pages), with the same fields.
func TestAuditCSVPagesListAsOneQuery(t *testing.T) {
	db := auditDB(t)
	ctx := context.Background()
	for _, lang := range []string{"en", "zh-CN"} {
		lb := auditLabelsFor(i18n.Lang(lang))
		collect := func(scan func(func(auditFinding) error) error) []string {
			t.Helper()
			var out []string
			if err := scan(func(f auditFinding) error {
				out = append(out, strings.Join(auditCSVRecord(lb, f), "|"))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			return out
		}
		wantFindings := collect(func(fn func(auditFinding) error) error {
			return scanFindingsPage(ctx, db, "2026-Q3", lb, 0, auditPage{}, fn)
		})
		wantPending := collect(func(fn func(auditFinding) error) error {
			return scanPendingPage(ctx, db, "2026-Q3", lb, 0, auditPage{}, fn)
		})
		if len(wantFindings) != 26 || len(wantPending) != 5 {
			t.Fatalf("the fixture has %d findings and %d pending windows, want 26 and 5", len(wantFindings), len(wantPending))
		}
		for _, limit := range []int64{1, 2, 3, 5, 1_000_000} {
			t.Run(fmt.Sprintf("%s/%d", lang, limit), func(t *testing.T) {
				defer func(n int64) { auditPageRows = n }(auditPageRows)
				auditPageRows = limit
				fp, err := findingPages(ctx, db, "2026-Q3", limit)
				if err != nil {
					t.Fatal(err)
				}
				pp, err := pendingPages(ctx, db, "2026-Q3", limit)
				if err != nil {
					t.Fatal(err)
				}
				if limit == 1 && (len(fp) < 8 || len(pp) < 2) {
					t.Fatalf("pages of one row: %d of findings, %d of pending windows; the test needs several", len(fp), len(pp))
				}
				got := collect(func(fn func(auditFinding) error) error {
					return scanFindings(ctx, db, "2026-Q3", lb, 0, fn)
				})
				if d := cmp.Diff(wantFindings, got); d != "" {
					t.Errorf("findings in pages of %d (-one query +pages):\n%s", limit, d)
				}
				got = collect(func(fn func(auditFinding) error) error {
					return scanPending(ctx, db, "2026-Q3", lb, 0, fn)
				})
				if d := cmp.Diff(wantPending, got); d != "" {
					t.Errorf("pending windows in pages of %d (-one query +pages):\n%s", limit, d)
				}
			})
		}
	}
}

func TestPageGroups(t *testing.T) {
	g := func(part, key string, n int64) auditGroup { return auditGroup{part: part, lo: key, hi: key, n: n} }
	null := func(part string, n int64) auditGroup { return auditGroup{part: part, null: true, n: n} }
	for _, tc := range []struct {
		name   string
		groups []auditGroup
		limit  int64
		want   []auditGroup
	}{
		{"none", nil, 10, nil},
		{"packed up to the limit", []auditGroup{g("A1", "a", 4), g("A1", "b", 6), g("A1", "c", 1)}, 10,
			[]auditGroup{{part: "A1", lo: "a", hi: "b", n: 10}, g("A1", "c", 1)}},
		{"a group over the limit is a page alone", []auditGroup{g("A1", "a", 1), g("A1", "b", 50), g("A1", "c", 1)}, 10,
			[]auditGroup{g("A1", "a", 1), g("A1", "b", 50), g("A1", "c", 1)}},
		{"a new part starts a page", []auditGroup{g("A1", "a", 1), g("A2", "a", 1)}, 10,
			[]auditGroup{g("A1", "a", 1), g("A2", "a", 1)}},
		{"nulls are a page of their own", []auditGroup{g("A1", "a", 1), null("A1", 1), g("A2", "a", 1), g("A2", "b", 1)}, 10,
			[]auditGroup{g("A1", "a", 1), null("A1", 1), {part: "A2", lo: "a", hi: "b", n: 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, pageGroups(tc.groups, tc.limit), cmp.AllowUnexported(auditGroup{})); d != "" {
				t.Errorf("pageGroups (-want +got):\n%s", d)
			}
		})
	}
}

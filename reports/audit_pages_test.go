package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/i18n"
)

// TestAuditCSVPagesListAsOneQuery reads the fixture quarter's findings and
// pending windows as the CSV does (ids only) in pages of 1, 2, 3 and 5
// rows and a page larger than the quarter, and finds every row, in the
// order one unpaged query with the names lists them (the scan before
// pages), with the same fields.
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
			return scanFindingsPage(ctx, db, "2026-Q3", lb, 0, auditPage{}, withNames, fn)
		})
		wantPending := collect(func(fn func(auditFinding) error) error {
			return scanPendingPage(ctx, db, "2026-Q3", lb, 0, auditPage{}, withNames, fn)
		})
		if len(wantFindings) != 26 || len(wantPending) != 5 {
			t.Fatalf("the fixture has %d findings and %d pending windows, want 26 and 5", len(wantFindings), len(wantPending))
		}
		for _, limit := range []int64{1, 2, 3, 5, 1_000_000} {
			t.Run(fmt.Sprintf("%s/%d", lang, limit), func(t *testing.T) {
				defer func(n int64) { auditPageRows = n }(auditPageRows)
				auditPageRows = limit
				groups, err := findingGroups(ctx, db, "2026-Q3")
				if err != nil {
					t.Fatal(err)
				}
				fp := findingPages(groups, limit)
				pp, err := pendingPages(ctx, db, "2026-Q3", limit)
				if err != nil {
					t.Fatal(err)
				}
				if limit == 1 && (len(fp) < 8 || len(pp) < 2) {
					t.Fatalf("pages of one row: %d of findings, %d of pending windows; the test needs several", len(fp), len(pp))
				}
				got := collect(func(fn func(auditFinding) error) error {
					return scanFindings(ctx, db, "2026-Q3", lb, fp, 0, idsOnly, fn)
				})
				if d := cmp.Diff(wantFindings, got); d != "" {
					t.Errorf("findings in pages of %d (-one query +pages):\n%s", limit, d)
				}
				got = collect(func(fn func(auditFinding) error) error {
					return scanPending(ctx, db, "2026-Q3", lb, 0, idsOnly, fn)
				})
				if d := cmp.Diff(wantPending, got); d != "" {
					t.Errorf("pending windows in pages of %d (-one query +pages):\n%s", limit, d)
				}
			})
		}
	}
}

// keyGroup is a part's group of the rows of one key; nullGroup, of its
// rows without one.
func keyGroup(part, key string, n int64) auditGroup {
	return auditGroup{part: part, lo: key, hi: key, n: n}
}

func nullGroup(part string, n int64) auditGroup { return auditGroup{part: part, null: true, n: n} }

func TestPageGroups(t *testing.T) {
	for _, tc := range []struct {
		name   string
		groups []auditGroup
		limit  int64
		want   []auditGroup
	}{
		{"none", nil, 10, nil},
		{"packed up to the limit", []auditGroup{keyGroup("A1", "a", 4), keyGroup("A1", "b", 6), keyGroup("A1", "c", 1)}, 10,
			[]auditGroup{{part: "A1", lo: "a", hi: "b", n: 10}, keyGroup("A1", "c", 1)}},
		{"a group over the limit is a page alone", []auditGroup{keyGroup("A1", "a", 1), keyGroup("A1", "b", 50), keyGroup("A1", "c", 1)}, 10,
			[]auditGroup{keyGroup("A1", "a", 1), keyGroup("A1", "b", 50), keyGroup("A1", "c", 1)}},
		{"a new part starts a page", []auditGroup{keyGroup("A1", "a", 1), keyGroup("A2", "a", 1)}, 10,
			[]auditGroup{keyGroup("A1", "a", 1), keyGroup("A2", "a", 1)}},
		{"nulls are a page of their own", []auditGroup{keyGroup("A1", "a", 1), nullGroup("A1", 1), keyGroup("A2", "a", 1), keyGroup("A2", "b", 1)}, 10,
			[]auditGroup{keyGroup("A1", "a", 1), nullGroup("A1", 1), {part: "A2", lo: "a", hi: "b", n: 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, pageGroups(tc.groups, tc.limit), cmp.AllowUnexported(auditGroup{})); d != "" {
				t.Errorf("pageGroups (-want +got):\n%s", d)
			}
		})
	}
}

// TestFirstFindingPagesListEachChecksFirst reads each check's first n
// findings through firstFindingPages and wants, for every n, what the one
// unpaged query lists first of each check, in its order.
func TestFirstFindingPagesListEachChecksFirst(t *testing.T) {
	db := auditDB(t)
	ctx := context.Background()
	lb := auditLabelsFor(i18n.EN)
	var all []auditFinding
	if err := scanFindingsPage(ctx, db, "2026-Q3", lb, 0, auditPage{}, withNames, func(f auditFinding) error {
		all = append(all, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	groups, err := findingGroups(ctx, db, "2026-Q3")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 2, 3, 5, 1_000} {
		var want []string
		seen := map[string]int{}
		for _, f := range all {
			if seen[f.Check]++; seen[f.Check] <= n {
				want = append(want, f.Check+" "+f.ID)
			}
		}
		var got []string
		if err := scanFindings(ctx, db, "2026-Q3", lb, firstFindingPages(groups, int64(n)), n, withNames, func(f auditFinding) error {
			got = append(got, f.Check+" "+f.ID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("each check's first %d (-one query +pages):\n%s", n, d)
		}
	}
}

func TestFirstFindingPages(t *testing.T) {
	reps := func(part, lo, hi string) auditPage {
		return auditPage{where: " AND f.check_id = ? AND f.rep_id BETWEEN ? AND ? ", args: []any{part, lo, hi}}
	}
	whole := func(part string) auditPage { return auditPage{where: " AND f.check_id = ? ", args: []any{part}} }
	for _, tc := range []struct {
		name   string
		groups []auditGroup
		n      int64
		want   []auditPage
	}{
		{"none", nil, 3, nil},
		{"the reps up to the n-th row", []auditGroup{keyGroup("A1", "a", 2), keyGroup("A1", "b", 2), keyGroup("A1", "c", 9)}, 3,
			[]auditPage{reps("A1", "a", "b")}},
		{"one rep holds them", []auditGroup{keyGroup("A1", "a", 5), keyGroup("A1", "b", 2)}, 3, []auditPage{reps("A1", "a", "a")}},
		{"a page a check", []auditGroup{keyGroup("A1", "a", 1), keyGroup("A2", "b", 1), keyGroup("A2", "c", 1)}, 3,
			[]auditPage{reps("A1", "a", "a"), reps("A2", "b", "c")}},
		{"reaching the nulls takes the whole check", []auditGroup{keyGroup("A1", "a", 1), nullGroup("A1", 4), keyGroup("A2", "a", 3), nullGroup("A2", 1)}, 3,
			[]auditPage{whole("A1"), reps("A2", "a", "a")}},
		{"a check of nulls alone", []auditGroup{nullGroup("A9", 2)}, 3, []auditPage{whole("A9")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, firstFindingPages(tc.groups, tc.n), cmp.AllowUnexported(auditPage{})); d != "" {
				t.Errorf("firstFindingPages (-want +got):\n%s", d)
			}
		})
	}
}

// TestFindingsWithoutNames reads the fixture quarter's findings and
// pending windows with and without the names and wants the same rows, in
// the same order, differing only in the names the ids-only read leaves
// empty.
func TestFindingsWithoutNames(t *testing.T) {
	db := auditDB(t)
	ctx := context.Background()
	lb := auditLabelsFor(i18n.EN)
	read := func(names findingNames) (all []auditFinding) {
		t.Helper()
		fn := func(f auditFinding) error {
			all = append(all, f)
			return nil
		}
		if err := scanFindingsPage(ctx, db, "2026-Q3", lb, 0, auditPage{}, names, fn); err != nil {
			t.Fatal(err)
		}
		if err := scanPendingPage(ctx, db, "2026-Q3", lb, 0, auditPage{}, names, fn); err != nil {
			t.Fatal(err)
		}
		return all
	}
	named, ids := read(withNames), read(idsOnly)
	var companies, owners int
	for i := range named {
		if named[i].Company != "" {
			companies++
		}
		if named[i].OwnerName != "" {
			owners++
		}
		named[i].RepName, named[i].Company, named[i].OwnerName = repLabel(lb.Lang, named[i].Rep, ""), "", ""
	}
	if companies == 0 || owners == 0 {
		t.Fatalf("%d rows name a company and %d an owner: the fixture does not test leaving names out", companies, owners)
	}
	if d := cmp.Diff(named, ids, cmp.AllowUnexported(auditFinding{})); d != "" {
		t.Errorf("findings without names differ beyond the names (-with +without):\n%s", d)
	}
}

// TestScanPagesReadsAheadInOrder: scanPages runs page k+1's query while
// page k is read, yet hands the pages over in order; a failed read or
// query stops it with that error, and no result is left open (the query
// running ahead is cancelled and its rows closed, or a connection would
// stay in use).
func TestScanPagesReadsAheadInOrder(t *testing.T) {
	db := auditDB(t)
	ctx := context.Background()
	pages := make([]auditPage, 6)
	for i := range pages {
		pages[i] = auditPage{args: []any{i}}
	}
	errRead, errQuery := fmt.Errorf("read failed"), fmt.Errorf("query failed")
	for _, tc := range []struct {
		name              string
		failRead, failQry int
		want              []int
		wantErr           error
	}{
		{"every page", -1, -1, []int{0, 1, 2, 3, 4, 5}, nil},
		{"a read fails", 2, -1, []int{0, 1, 2}, errRead},
		{"a query fails", -1, 3, []int{0, 1, 2}, errQuery},
		{"the first query fails", -1, 0, nil, errQuery},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			err := scanPages(ctx, pages, func(ctx context.Context, p auditPage) (*sql.Rows, error) {
				if p.args[0] == tc.failQry {
					return nil, errQuery
				}
				return db.QueryContext(ctx, `SELECT CAST(? AS INTEGER)`, p.args...)
			}, func(rows *sql.Rows) error {
				for rows.Next() {
					var n int
					if err := rows.Scan(&n); err != nil {
						return err
					}
					got = append(got, n)
					if n == tc.failRead {
						return errRead
					}
				}
				return rows.Err()
			})
			if err != tc.wantErr {
				t.Errorf("error %v, want %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("pages read (-want +got):\n%s", diff)
			}
			if n := db.Stats().InUse; n != 0 {
				t.Errorf("%d connections still in use", n)
			}
		})
	}
	if err := scanPages(ctx, nil, nil, nil); err != nil {
		t.Errorf("no pages: %v, want no error and no query", err)
	}
}

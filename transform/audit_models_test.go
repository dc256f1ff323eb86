package transform_test

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"log/slog"
	"math/big"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	sqlmodels "github.com/salesops/salesops/sql"
	"github.com/salesops/salesops/transform"
)

// The 2026-Q3 case of testdata/audit_case.sql (as_of 2026-09-30), by hand.
//
// Active customers (a win in [t-364, t], or an open deal created by t):
// c1 (won 2026-03-01), c2 (won 2025-10-01: active through exactly 2026-09-30),
// c3 (open from 08-10), c4 (open, no created date), c5 (won 07-15), c7 (won
// 09-10), c8 (won 2025-09-30: active through 2026-09-29 only), c9 (won
// 09-20). c6 has only a lost deal.
//
//	A1 (active on 09-30): c2 lacks industry (blank), c3 lacks contact_name
//	   and both phone and email; c8 lacks region but is inactive on 09-30.
//	A2 c1: follow-ups 06-30, 07-31, 08-31, 09-30: longest gap exactly 30 (07-30, 08-30): fine.
//	   c2: 06-30 then 08-01: 31 days on 07-31: finding.
//	   c3: active 08-10, first follow-up 08-12: none yet on 08-10, 08-11: finding dated 08-11.
//	   c5: last follow-up 01-16, active from 07-15: 257 days on 09-30 (unknown owner).
//	   c7: last follow-up 03-13, active from 09-10: 201 days on 09-30 (no owner: unattributed).
//	   c8: last follow-up 06-15: 106 days on 09-29 (107 had 09-30 counted).
//	A3 f1b content blank, f3a no result.
//	A4 d11 archiving missing, d12 false (d13 won then cancelled is archived; d15 never won).
//	A5 window [close-180, close]: d11 has f5a exactly at close-180, d14 a follow-up on the
//	   close date; d12's only follow-up is close-181: finding.
//	Windowed checks judge only windows closed by audit_end (09-30); the others are
//	pending, and a window of an earlier quarter closing in Q3 is judged in Q3.
//	A6 t1 resolved after exactly 168 h: fine; t2 after 168 h 1 min: finding; t6 opened
//	   06-30 23:30 in Q2, unresolved, its window closes 07-07: judged in Q3, finding (A);
//	   t3 opened 09-29, window until 10-06: pending; t4 is a suggestion.
//	A7 window [close, close+60]: d10 survey on close+60 (09-30), d13 on close: fine; d11
//	   only on close+61: finding; d12 (until 11-09) and d14 (until 11-19): pending.
//	A8 window [N, N+3]: f1a kept on N+3, f3a on N; f2a (nothing until N+5), f2b (only N-1),
//	   f1c (only N+4): findings; f1d and f4e (N 09-30, until 10-03): pending.
//	A9 d11 (rep S999), f4d (rep S777), s15 (rep S888), customer c5 created in Q3 (owner
//	   S999), f99 and t5 (customer c99); rejects: customers.csv line 7 (two columns, one
//	   finding) and sales.csv line 3 (no row date: its batch loaded 07-05).
func TestAuditChecksHandComputed(t *testing.T) {
	ctx := context.Background()
	db := runAuditFixture(t)

	wantFindings := []string{
		"A1 A c2 - 2026-09-30", "A1 B c3 - 2026-09-30",
		"A2 A c2 - 2026-07-31", "A2 B c3 - 2026-08-11", "A2 C c8 - 2026-09-29", "A2 unattributed c7 - 2026-09-30", "A2 unknown c5 - 2026-09-30",
		"A3 A c1 - 2026-07-31", "A3 B c3 - 2026-08-12",
		"A4 B c7 d12 2026-09-10", "A4 unknown c5 d11 2026-07-15",
		"A5 B c7 d12 2026-09-10",
		"A6 A c1 - 2026-06-30", "A6 A c1 - 2026-07-02",
		"A7 unknown c5 d11 2026-07-15",
		"A8 A c1 - 2026-09-26", "A8 A c2 - 2026-07-27", "A8 A c2 - 2026-08-31",
		"A9 A c99 - 2026-08-15", "A9 unattributed - d77 2026-07-05", "A9 unattributed c77 - 2026-08-01", "A9 unattributed c99 - 2026-08-01",
		"A9 unknown c2 - 2026-08-20", "A9 unknown c4 - 2026-08-30", "A9 unknown c5 - 2026-07-02", "A9 unknown c5 d11 2026-07-15",
	}
	got := queryStrings(t, db, `SELECT check_id || ' ' || rep_id || ' ' || coalesce(customer_id, '-') || ' ' || coalesce(deal_id, '-') || ' ' || strftime(date, '%Y-%m-%d')
		FROM audit_findings WHERE period = '2026-Q3' ORDER BY 1`)
	if diff := cmp.Diff(wantFindings, got); diff != "" {
		t.Errorf("Q3 findings (-want +got):\n%s", diff)
	}

	// findings/opportunities per check and rep.
	wantCounts := []string{
		"A1 A 1/2", "A1 B 1/2", "A1 C 0/1", "A1 unattributed 0/1", "A1 unknown 0/1",
		"A2 A 1/2", "A2 B 1/2", "A2 C 1/2", "A2 unattributed 1/1", "A2 unknown 1/1",
		"A3 A 1/7", "A3 B 1/5", "A3 C 0/1", "A3 unknown 0/1",
		"A4 A 0/1", "A4 B 1/2", "A4 C 0/1", "A4 unknown 1/1",
		"A5 A 0/1", "A5 B 1/2", "A5 C 0/1", "A5 unknown 0/1",
		"A6 A 2/3", "A6 unattributed 0/1",
		"A7 A 0/1", "A7 B 0/1", "A7 unknown 1/1",
		"A8 A 3/4", "A8 B 0/1",
		"A9 A 1/13", "A9 B 0/12", "A9 C 0/3", "A9 unattributed 3/3", "A9 unknown 4/5",
	}
	got = queryStrings(t, db, `SELECT check_id || ' ' || rep_id || ' ' || findings || '/' || opportunities
		FROM audit_rep_scores WHERE period = '2026-Q3' AND opportunities > 0 ORDER BY 1`)
	if diff := cmp.Diff(wantCounts, got); diff != "" {
		t.Errorf("Q3 findings/opportunities (-want +got):\n%s", diff)
	}

	details := map[string]string{}
	rows, err := db.QueryContext(ctx, `SELECT check_id || ' ' || opportunity_key, detail FROM audit_findings WHERE period = '2026-Q3'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		details[k] = v
	}
	rows.Close()
	wantDetails := map[string]string{
		"A1 customer:c3":                       "customer record lacks contact_name, phone and email",
		"A2 customer:c2":                       "longest gap 31 days: last follow-up 2026-06-30, none since by 2026-07-31",
		"A2 customer:c3":                       "no follow-up yet on 2 active day(s), the last 2026-08-11",
		"A2 customer:c8":                       "longest gap 106 days: last follow-up 2026-06-15, none since by 2026-09-29",
		"A6 ticket:t2":                         "complaint t2 resolved after 168 h 1 min (limit 168 h)",
		"A6 ticket:t6":                         "complaint t6 opened 2026-06-30 23:30 is not resolved (opened in 2026-Q2, judged when its window closed)",
		"A7 deal:d11":                          "won deal d11: no satisfaction survey from 2026-07-15 to 2026-09-13",
		"A8 followup:f1c":                      "follow-up planned for 2026-09-26 by f1c not kept by 2026-09-29",
		"A9 row:sales:d11":                     `sales row d11 names rep "S999", not in the roster`,
		"A9 row:followups:f99":                 `followups row f99 names customer "c99", not in the customer database`,
		"A9 reject:customers:customers.csv::7": `rejected customers row (customers.csv, line 7): company_name "=HYPERLINK("http://example.com","x")": too long; created_date "2026-13-45": not a date`,
	}
	for k, want := range wantDetails {
		if details[k] != want {
			t.Errorf("detail of %s = %q, want %q", k, details[k], want)
		}
	}

	// Pending: neither failed nor counted, with the day the window closes.
	wantPending := []string{
		"2025-Q3 A7 C deal:d8 2025-11-29", // won on the quarter's last day
		"2026-Q1 A7 A deal:d1 2026-04-30", // judged in Q2
		"2026-Q2 A6 A ticket:t6 2026-07-07",
		"2026-Q3 A6 B ticket:t3 2026-10-06",
		"2026-Q3 A7 B deal:d12 2026-11-09", "2026-Q3 A7 C deal:d14 2026-11-19",
		"2026-Q3 A8 A followup:f1d 2026-10-03", "2026-Q3 A8 B followup:f4e 2026-10-03",
	}
	got = queryStrings(t, db, `SELECT concat_ws(' ', period, check_id, rep_id, opportunity_key, strftime(window_closes, '%Y-%m-%d'))
		FROM audit_opportunities WHERE pending AND NOT failed AND NOT counted ORDER BY 1`)
	if diff := cmp.Diff(wantPending, got); diff != "" {
		t.Errorf("pending (-want +got):\n%s", diff)
	}

	// Only quarters begun by as_of are audited (s14 dated 11-19 makes a Q4 period).
	if got := queryStrings(t, db, `SELECT period || ' ' || coalesce(prev_period, '-') FROM audit_quarters ORDER BY 1`); !cmp.Equal(got,
		[]string{"2025-Q3 -", "2025-Q4 2025-Q3", "2026-Q1 2025-Q4", "2026-Q2 2026-Q1", "2026-Q3 2026-Q2"}) {
		t.Errorf("audit quarters = %v", got)
	}
}

func runAuditFixture(t *testing.T) *sql.DB {
	t.Helper()
	w := transformFixture(t, "audit_case.sql", config.Default(), time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC))
	return w.DB
}

func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The score, rank and comparison arithmetic on hand-written opportunities,
// with weights A1 0.2, A4 0.6, A9 0.2 (the others 1, unused):
//
//	Q3 A: A1 1/4, A4 1/2          100 × (1 − (0.2·1/4 + 0.6·1/2)/0.8) = 56.25
//	   B: A1 0/2, A9 1/1          100 × (1 − (0 + 0.2·1)/0.4)         = 50
//	   C: A4 7/16                 100 × (1 − 7/16)                    = 56.25 (tie with A)
//	   unknown: A1 1/1            0, not ranked; D employed, no opportunities: no score
//	   ranks: A 1, C 1, B 3.  E left before Q3: no row.
//	Q2 A: A1 0/2 → 100 (rank 1); B: A1 1/2 → 50 (rank 2)
//	check A1 in Q3: 2/7, in Q2: 1/4; A4 in Q3 8/18, in Q2 0/0.
func TestAuditScoresAndRank(t *testing.T) {
	ctx := context.Background()
	stubs := fstest.MapFS{
		"models/periods.sql": {Data: []byte(`CREATE OR REPLACE TABLE periods AS
SELECT * FROM (VALUES ('2026-Q2', 'quarter', DATE '2026-04-01', DATE '2026-06-30'),
                      ('2026-Q3', 'quarter', DATE '2026-07-01', DATE '2026-09-30'))
    AS t(period, kind, start_date, end_date);`)},
		"models/audit_opp_data.sql": {Data: []byte(`CREATE OR REPLACE TABLE audit_opp_data AS
WITH spec(period, check_id, rep_id, n, fails) AS (VALUES
    ('2026-Q3', 'A1', 'A', 4, 1), ('2026-Q3', 'A4', 'A', 2, 1),
    ('2026-Q3', 'A1', 'B', 2, 0), ('2026-Q3', 'A9', 'B', 1, 1),
    ('2026-Q3', 'A4', 'C', 16, 7),
    ('2026-Q3', 'A1', 'unknown', 1, 1),
    ('2026-Q2', 'A1', 'A', 2, 0), ('2026-Q2', 'A1', 'B', 2, 1))
SELECT period, check_id, rep_id, rep_id || ':' || i AS opportunity_key, CAST(NULL AS VARCHAR) AS customer_id,
       CAST(NULL AS VARCHAR) AS deal_id, DATE '2026-06-30' AS date, i < fails AS failed,
       CASE WHEN i < fails THEN 'x' END AS detail, CASE WHEN i < fails THEN 'x' END AS detail_zh,
       false AS pending, DATE '2026-06-30' AS window_closes,
       CASE WHEN i < fails THEN check_id || period || opportunity_key END AS finding_id, 1 AS n_opps
FROM spec, range(n) AS r(i);`)},
	}
	// The opportunities are audit_opp_data's, whatever their check: the
	// audit_opp_* tables are only ever read together.
	for _, name := range []string{"audit_opp_customers", "audit_opp_complaints"} {
		stubs["models/"+name+".sql"] = &fstest.MapFile{Data: []byte("-- depends: audit_opp_data\nCREATE OR REPLACE TABLE " + name + " AS SELECT * FROM audit_opp_data WHERE false")}
	}
	// The follow-up and deal checks keep a reason for their texts.
	for _, name := range []string{"audit_opp_followups", "audit_opp_deals"} {
		stubs["models/"+name+".sql"] = &fstest.MapFile{Data: []byte("-- depends: audit_opp_data\nCREATE OR REPLACE TABLE " + name +
			" AS SELECT * EXCLUDE (detail, detail_zh), detail AS reason, CAST(NULL AS DATE) AS window_opens FROM audit_opp_data WHERE false")}
	}
	real := sqlmodels.FS()
	for _, name := range []string{"models/rep_dim.sql", "models/audit_quarters.sql", "models/audit_checks.sql",
		"models/audit_opportunities.sql", "models/audit_opp_counts.sql",
		"models/audit_rep_scores.sql", "models/audit_rep_summary.sql", "models/audit_check_summary.sql",
		"tests/audit_rep_summary_scores.sql", "tests/audit_opp_counts_keys.sql", "tests/audit_opp_counts_rows.sql",
		"tests/audit_opportunities_ids.sql", "tests/audit_opportunities_rows.sql"} {
		b, err := fs.ReadFile(real, name)
		if err != nil {
			t.Fatal(err)
		}
		stubs[name] = &fstest.MapFile{Data: b}
	}
	w := openTemp(t)
	if _, err := w.DB.ExecContext(ctx, `INSERT INTO reps (rep_id, name, hire_date, leave_date) VALUES
		('A', 'Ann', NULL, NULL), ('B', 'Bo', NULL, NULL), ('C', 'Cy', NULL, NULL),
		('D', 'Di', DATE '2026-09-30', NULL), ('E', 'Ed', NULL, DATE '2026-06-30')`); err != nil {
		t.Fatal(err)
	}
	vars := map[string]any{"as_of": time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)}
	for i := 1; i <= 9; i++ {
		vars[fmt.Sprintf("audit_weight_a%d", i)] = big.NewRat(1, 1)
	}
	vars["audit_weight_a1"], vars["audit_weight_a4"], vars["audit_weight_a9"] = big.NewRat(1, 5), big.NewRat(3, 5), big.NewRat(1, 5)
	if _, err := transform.Run(ctx, w, transform.Options{FS: stubs, Vars: vars}); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, w.DB, `SELECT concat_ws(' ', period, rep_id, findings || '/' || opportunities, checks_counted,
		coalesce(CAST(round(score, 6) AS VARCHAR), '-'), coalesce(CAST(rank AS VARCHAR), '-'),
		coalesce(CAST(round(prev_score, 6) AS VARCHAR), '-'), coalesce(CAST(prev_rank AS VARCHAR), '-'),
		coalesce(CAST(round(score_change, 6) AS VARCHAR), '-'))
		FROM audit_rep_summary ORDER BY period, rep_id`)
	want := []string{
		"2026-Q2 A 0/2 1 100.0 1 - - -",
		"2026-Q2 B 1/2 1 50.0 2 - - -",
		"2026-Q2 C 0/0 0 - - - - -",
		"2026-Q2 E 0/0 0 - - - - -",
		"2026-Q3 A 2/6 2 56.25 1 100.0 1 -43.75",
		"2026-Q3 B 1/3 2 50.0 3 50.0 2 0.0",
		"2026-Q3 C 7/16 1 56.25 1 - - -",
		"2026-Q3 D 0/0 0 - - - - -",
		"2026-Q3 unknown 1/1 1 0.0 - - - -",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rep summary (-want +got):\n%s", diff)
	}
	got = queryStrings(t, w.DB, `SELECT concat_ws(' ', period, rep_id, check_id, findings || '/' || opportunities,
		coalesce(CAST(rate AS VARCHAR), '-'), coalesce(prev_findings || '/' || prev_opportunities, '-'), coalesce(CAST(prev_rate AS VARCHAR), '-'))
		FROM audit_rep_scores WHERE period = '2026-Q3' ORDER BY rep_id, check_id`)
	want = []string{
		"2026-Q3 A A1 1/4 0.25 0/2 0.0",
		"2026-Q3 A A4 1/2 0.5 0/0 -",
		"2026-Q3 B A1 0/2 0.0 1/2 0.5",
		"2026-Q3 B A9 1/1 1.0 0/0 -",
		"2026-Q3 C A4 7/16 0.4375 0/0 -",
		"2026-Q3 unknown A1 1/1 1.0 0/0 -",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rep scores (-want +got):\n%s", diff)
	}
	got = queryStrings(t, w.DB, `SELECT concat_ws(' ', check_id, severity, findings || '/' || opportunities, coalesce(CAST(round(rate, 9) AS VARCHAR), '-'),
		prev_findings || '/' || prev_opportunities, coalesce(CAST(prev_rate AS VARCHAR), '-'))
		FROM audit_check_summary WHERE period = '2026-Q3' AND check_id IN ('A1', 'A2', 'A4') ORDER BY check_id`)
	want = []string{"A1 medium 2/7 0.285714286 1/4 0.25", "A2 medium 0/0 - 0/0 -", "A4 high 8/18 0.444444444 0/0 -"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("check summary (-want +got):\n%s", diff)
	}
}

// The A2 day grid at the size the brief names: 3,000 customers, ~9
// quarters, 36,000 follow-ups. Logs each audit model's time (go test -v).
func TestAuditModelsScale(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	ctx := context.Background()
	w := openTemp(t)
	if _, err := w.DB.ExecContext(ctx, `
INSERT INTO reps SELECT 'R' || i, 'Rep ' || i, 'T' || (i % 5), 'East', NULL, DATE '2020-01-01', NULL, NULL, NULL, NULL, NULL, NULL FROM range(40) t(i);
INSERT INTO customers (customer_id, company_name, contact_name, phone, industry, region, owner_rep_id)
SELECT 'C' || i, 'Co ' || i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'x' END, '1', 'IT', 'East', 'R' || (i % 41) FROM range(3000) t(i);
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date, contract_archived)
SELECT 'D' || i, 'C' || (i % 3000), 'R' || (i % 40), CASE WHEN i % 5 = 0 THEN 'open' ELSE 'won' END, 100,
       DATE '2024-10-01' + CAST((i * 7919) % 800 AS INTEGER), CASE WHEN i % 5 = 0 THEN NULL ELSE DATE '2024-10-01' + CAST((i * 7919) % 800 AS INTEGER) END, i % 9 <> 0
FROM range(6000) t(i);
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at, content, result, next_followup_date)
SELECT 'F' || i, 'C' || (i % 3000), 'R' || (i % 40), TIMESTAMP '2024-10-01 09:00' + INTERVAL (((i * 104729) % 800)) DAY, 'c', 'r',
       DATE '2024-10-01' + CAST((i * 104729) % 800 + 14 AS INTEGER)
FROM range(36000) t(i);
INSERT INTO surveys SELECT 'S' || i, 'C' || (i % 3000), NULL, DATE '2024-10-01' + CAST((i * 31) % 800 AS INTEGER), 5, NULL, NULL, NULL, NULL, NULL, NULL FROM range(4000) t(i);
INSERT INTO tickets SELECT 'T' || i, 'C' || (i % 3000), NULL, 'complaint', TIMESTAMP '2024-10-01 09:00' + INTERVAL ((i * 13) % 800) DAY,
       TIMESTAMP '2024-10-01 09:00' + INTERVAL ((i * 13) % 800) DAY + INTERVAL (i % 300) HOUR, NULL, NULL, NULL, NULL, NULL FROM range(2000) t(i);
`); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	cfg := config.Default()
	start := time.Now()
	if _, err := transform.Run(ctx, w, transform.Options{Vars: transform.Vars(cfg, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)),
		Steps: []transform.Step{bonusStep(t, cfg)},
		Log:   slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))}); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	for _, line := range strings.Split(log.String(), "\n") {
		if strings.Contains(line, "model=audit_") {
			t.Log(line)
		}
	}
	var quarters, days int
	if err := w.DB.QueryRowContext(ctx, `SELECT count(DISTINCT period), sum(active_days) FROM audit_followup_gaps`).Scan(&quarters, &days); err != nil {
		t.Fatal(err)
	}
	t.Logf("whole transform %v; A2 grid %d customer-days over %d quarters", took.Round(time.Millisecond), days, quarters)
	if took > 30*time.Second {
		t.Errorf("transform took %v", took)
	}
}

// The interval reasoning of audit_followup_gaps against the definition
// taken literally: every active day of the quarter, the latest follow-up on
// or before it, on 400 seeded customers with irregular spans and follow-ups.
// Auditing every quarter, and one quarter (with the one before it), as the
// quarterly job does: then a customer's latest follow-up before the first
// audited quarter (here in 2025) still bounds its first gap.
func TestAuditGapsMatchDayByDay(t *testing.T) {
	// Named, the audit covers two quarters: fewer customer-quarters, of
	// which some measure their longest gap from a day before both.
	for _, tc := range []struct {
		audited          any
		least, fromEarly int
	}{{nil, 1000, 0}, {"2026-Q2", 200, 10}} {
		t.Run(fmt.Sprint("audited ", tc.audited), func(t *testing.T) {
			testAuditGapsMatchDayByDay(t, tc.audited, tc.least, tc.fromEarly)
		})
	}
}

func testAuditGapsMatchDayByDay(t *testing.T, audited any, least, fromEarly int) {
	ctx := context.Background()
	w := openTemp(t)
	if _, err := w.DB.ExecContext(ctx, `
SELECT setseed(0.42);
INSERT INTO reps (rep_id) VALUES ('R');
INSERT INTO customers (customer_id, owner_rep_id) SELECT 'C' || i, 'R' FROM range(400) t(i);
INSERT INTO deals (deal_id, customer_id, rep_id, status, amount, created_date, close_date)
SELECT 'D' || i, 'C' || CAST(floor(random() * 400) AS INTEGER), 'R', s, 1,
       CASE WHEN random() < 0.2 THEN NULL ELSE DATE '2025-01-01' + CAST(floor(random() * 700) AS INTEGER) END,
       CASE WHEN s = 'open' THEN NULL ELSE DATE '2025-01-01' + CAST(floor(random() * 700) AS INTEGER) END
FROM (SELECT i, CASE WHEN random() < 0.15 THEN 'open' ELSE 'won' END AS s FROM range(700) t(i));
INSERT INTO followups (followup_id, customer_id, rep_id, followup_at)
SELECT 'F' || i, 'C' || CAST(floor(random() * 400) AS INTEGER), 'R',
       TIMESTAMP '2025-01-01 08:00' + INTERVAL (CAST(floor(random() * 700) AS INTEGER)) DAY
FROM range(3000) t(i);`); err != nil {
		t.Fatal(err)
	}
	vars := transform.Vars(config.Default(), time.Date(2026, 8, 15, 0, 0, 0, 0, time.UTC))
	vars["audit_period"] = audited
	if _, err := transform.Run(ctx, w, transform.Options{Vars: vars, Steps: []transform.Step{bonusStep(t, config.Default())}}); err != nil {
		t.Fatal(err)
	}
	const reference = `
WITH days AS (
    SELECT DISTINCT q.period, s.customer_id, CAST(d AS DATE) AS day
    FROM audit_quarters q, range(CAST(q.start_date AS TIMESTAMP), CAST(q.audit_end AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY) r(d)
    JOIN audit_active_spans s ON CAST(d AS DATE) BETWEEN s.span_start AND s.span_end
), paired AS (
    SELECT *, (SELECT max(f.followup_date) FROM followup_facts f WHERE f.customer_id = days.customer_id AND f.followup_date <= days.day) AS last_fu
    FROM days
), best AS (
    SELECT *, day - last_fu AS gap, row_number() OVER (PARTITION BY period, customer_id ORDER BY day - last_fu DESC NULLS LAST, day) AS rn FROM paired
)
SELECT period, customer_id, count(*) AS active_days, count(*) FILTER (WHERE last_fu IS NULL) AS days_without,
       max(day) FILTER (WHERE last_fu IS NULL) AS last_day_without, max(gap) AS max_gap,
       any_value(day) FILTER (WHERE rn = 1 AND gap IS NOT NULL) AS gap_day,
       any_value(last_fu) FILTER (WHERE rn = 1 AND gap IS NOT NULL) AS gap_from
FROM best GROUP BY ALL`
	var n, diff, before int
	q := `SELECT (SELECT count(*) FROM audit_followup_gaps),
		(SELECT count(*) FROM ((SELECT * FROM audit_followup_gaps EXCEPT ALL (` + reference + `))
		                       UNION ALL ((` + reference + `) EXCEPT ALL SELECT * FROM audit_followup_gaps))),
		(SELECT count(*) FROM audit_followup_gaps WHERE gap_from < (SELECT min(start_date) FROM audit_quarters))`
	if err := w.DB.QueryRowContext(ctx, q).Scan(&n, &diff, &before); err != nil {
		t.Fatal(err)
	}
	if before < fromEarly {
		t.Errorf("%d customer-quarters measure a gap from a follow-up before the audited quarters; the case is not exercised", before)
	}
	if n < least || diff != 0 {
		t.Errorf("%d customer-quarters, %d rows differ from the day-by-day reference", n, diff)
	}
}

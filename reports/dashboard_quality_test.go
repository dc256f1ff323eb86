package reports

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/period"
)

// The dashboard's data-quality notes show rejects and warnings dated in
// the month and undated ones, never another month's.
func TestQualityNotesOfTheMonth(t *testing.T) {
	fixture, err := os.ReadFile("../transform/testdata/bonus_case.sql")
	if err != nil {
		t.Fatal(err)
	}
	extra := `;
INSERT INTO rejects (batch_id, kind, file, line, column_name, value, reason, row_date) VALUES
  (1, 'sales', 'a.csv', 2, 'amount', '1.234', 'sub-cent', DATE '2026-10-03'),
  (1, 'sales', 'a.csv', 3, 'close_date', '2026-02-30', 'not a date', NULL),
  (1, 'sales', 'a.csv', 4, 'amount', '9.999', 'sub-cent', DATE '2026-09-30');
INSERT INTO ingest_warnings (batch_id, kind, file, line, code, row_key, message, row_date) VALUES
  (1, 'sales', 'a.csv', 5, 'repeated_key', 'd1', 'lines 5 and 9', DATE '2026-11-01');`
	w := buildWarehouse(t, string(fixture)+extra, config.Default(), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
	d := &dashData{P: period.MustParse("2026-10")}
	if err := loadQuality(context.Background(), w.DB, d); err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, n := range d.Quality {
		if n.Key == "dq.rejects" || n.Key == "dq.warnings" {
			got[n.Key+" "+n.Detail] = n.Count
		}
	}
	want := map[string]int64{"dq.rejects sales: sub-cent": 1, "dq.rejects sales: not a date": 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("notes of 2026-10 (-want +got):\n%s", diff)
	}
}

// The unknown-customers note counts deals, whatever their status, and
// lists their customer ids once each, in order: in the bonus case c3 has
// two deals (cancelled, both), c6 a won one, c8 one never won and c9 a
// lost one; the open deal without a customer is no one's. (The merges of
// customer_deals, which it reads, are checked against full builds in
// transform's TestKeyedRefreshEqualsAFullBuild.)
func TestUnknownCustomersNote(t *testing.T) {
	fixture, err := os.ReadFile("../transform/testdata/bonus_case.sql")
	if err != nil {
		t.Fatal(err)
	}
	w := buildWarehouse(t, string(fixture), config.Default(), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
	d := &dashData{P: period.MustParse("2026-10")}
	if err := loadQuality(context.Background(), w.DB, d); err != nil {
		t.Fatal(err)
	}
	var got []qualityNote
	for _, n := range d.Quality {
		if n.Key == "dq.unknown_customers" {
			got = append(got, n)
		}
	}
	want := []qualityNote{{Key: "dq.unknown_customers", Count: 5, Detail: "c3, c6, c8, c9"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the note (-want +got):\n%s", diff)
	}
}

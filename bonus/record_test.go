package bonus

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/salesops/salesops/money"
)

// legacyRecord is testdata/month_v1.json: the summary a close stored
// before the record had json tags (the untagged reports.Bonus), October
// 2026 of transform/testdata/bonus_case.sql with the default plan.
func legacyRecord(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/month_v1.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeRecordReadsTheOldFormat(t *testing.T) {
	m, err := DecodeRecord(legacyRecord(t), "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	if m.SchemaVersion != 1 || !m.Closed || m.ClosedAt == "" || m.Pool != money.MustParse("950.00") || m.Allocated != money.MustParse("570.00") ||
		m.Unallocated != money.MustParse("380.00") || m.Cap != money.MustParse("285.00") || !m.CapEnabled {
		t.Errorf("month figures: %+v", m)
	}
	if m.Plan.PoolRate.String() != "0.05" || m.Plan.MaxShare.String() != "0.3" || m.Plan.Weights[CompSales].String() != "0.6" || m.Plan.MinResponses != 3 {
		t.Errorf("plan: %+v", m.Plan)
	}
	if len(m.Rows) != 6 {
		t.Fatalf("%d rows", len(m.Rows))
	}
	a, c := m.Rows[0], m.Rows[2]
	if a.RepID != "A" || a.Allocation != money.MustParse("285.00") || a.Rank != 1 || a.ShareSales.String() != "0.538461538462" ||
		!a.Capped || a.GrossSales != money.MustParse("10000.00") {
		t.Errorf("row A: %+v %+v", a, *a.RowDetail)
	}
	if c.RepID != "C" || c.Eligible || !c.Score.Null() || c.Rank != 0 {
		t.Errorf("row C (ineligible): %+v", c)
	}
	// Read back through today's record, the month is the same.
	rec, err := EncodeRecord(m)
	if err != nil {
		t.Fatal(err)
	}
	again, err := DecodeRecord(rec, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	again.SchemaVersion = m.SchemaVersion
	if got, want := mustJSON(t, again), mustJSON(t, m); got != want {
		t.Errorf("round trip through version %d changed the month:\n%s\nvs\n%s", SchemaVersion, got, want)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A damaged record is an error naming what is wrong, never a month of zeros.
func TestDecodeRecordRefusesDamage(t *testing.T) {
	v1 := string(legacyRecord(t))
	m, err := DecodeRecord([]byte(v1), "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	v2, err := EncodeRecord(m)
	if err != nil {
		t.Fatal(err)
	}
	cur := string(v2)
	tests := []struct {
		name, record, period, want string
	}{
		{"v1 other period", v1, "2026-11", `period "2026-10"`},
		{"v1 pool missing", strings.Replace(v1, `"Pool":95000,`, "", 1), "2026-10", "Pool is missing"},
		{"v1 renamed row field", strings.Replace(v1, `"Allocation":28500`, `"Payout":28500`, 1), "2026-10", "Allocation is missing"},
		{"v1 bad rate text", strings.Replace(v1, `"ShareSales":"0.538461538462"`, `"ShareSales":"0.53x"`, 1), "2026-10", "ShareSales"},
		{"v1 pool rate blank", strings.Replace(v1, `"PoolRate":"0.05"`, `"PoolRate":""`, 1), "2026-10", "pool_rate"},
		{"v2 pool missing", strings.Replace(cur, `"pool":"950.00",`, "", 1), "2026-10", "pool is missing"},
		{"v2 rank missing", strings.Replace(cur, `"rank":1,`, "", 1), "2026-10", "rank is missing"},
		{"v2 detail missing", strings.Replace(cur, `"pool_detail":`, `"pool_detial":`, 1), "2026-10", "pool_detail is missing"},
		{"v2 unknown field", strings.Replace(cur, `"period":"2026-10",`, `"period":"2026-10","payout":"1.00",`, 1), "2026-10", "payout"},
		{"v2 rate as number", strings.Replace(cur, `"pool_rate":"0.05"`, `"pool_rate":0.05`, 1), "2026-10", "rate"},
		{"v2 rate as fraction", strings.Replace(cur, `"pool_rate":"0.05"`, `"pool_rate":"1/20"`, 1), "2026-10", "not an exact decimal"},
		{"v2 money with one place", strings.Replace(cur, `"pool":"950.00"`, `"pool":"950.0"`, 1), "2026-10", "two places"},
		{"newer version", strings.Replace(cur, `"schema_version":2`, `"schema_version":9`, 1), "2026-10", "schema version 9"},
		{"not json", "{", "2026-10", "unreadable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.record == v1 && tt.period == "2026-10" || tt.record == cur {
				t.Fatal("the damage was not applied: the test's needle is stale")
			}
			_, err := DecodeRecord([]byte(tt.record), tt.period)
			if !errors.Is(err, ErrRecord) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrRecord mentioning %q", err, tt.want)
			}
		})
	}
}

// The record's shape is its json tags: what a Go field is called does not
// matter, so the published JSON and the record keep their keys.
func TestMonthKeysAreTheRecordsOwn(t *testing.T) {
	m, err := DecodeRecord(legacyRecord(t), "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	got := mustJSON(t, m.Published())
	for _, key := range []string{`"period":`, `"closed":`, `"plan":`, `"gross_sales":`, `"cancellations":`, `"net_sales":`, `"pool":`,
		`"allocated":`, `"unallocated":`, `"rows":`, `"rep_id":`, `"share_new_customers":`, `"rank":null`, `"max_share":"0.3"`} {
		if !strings.Contains(got, key) {
			t.Errorf("published month lacks %s:\n%s", key, got)
		}
	}
	for _, key := range []string{`"pool_detail"`, `"detail"`, `"x_sales"`} {
		if strings.Contains(got, key) {
			t.Errorf("published month carries the workbook's %s", key)
		}
	}
}

func TestParseRateRefusesBadText(t *testing.T) {
	tests := []struct {
		in, want string
		null, ok bool
	}{
		{"0.125", "0.125", false, true},
		{"-3", "-3", false, true},
		{"0", "0", false, true},
		{"", "", true, true},
		{"abc", "", true, false},
		{"1/8", "", true, false},
		{"1e-3", "", true, false},
		{"12.5%", "", true, false},
		{".5", "", true, false},
		{"5.", "", true, false},
		{" 0.5", "", true, false},
		{"--1", "", true, false},
	}
	for _, tt := range tests {
		r, err := ParseRate(tt.in)
		if (err == nil) != tt.ok || r.String() != tt.want || r.Null() != tt.null {
			t.Errorf("ParseRate(%q) = %q (null %v), %v", tt.in, r, r.Null(), err)
		}
	}
}

// Every field of the record carries an explicit json tag, so renaming a Go
// field (as reports' code may wish to) cannot change the stored shape and
// blank a closed month: the record's shape is its own, versioned by
// SchemaVersion. Untagged fields are what made version 1 fragile.
func TestRecordFieldsAllTagged(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[Month](), reflect.TypeFor[Row](), reflect.TypeFor[RowDetail](),
		reflect.TypeFor[PoolDetail](), reflect.TypeFor[PlanRecord](), reflect.TypeFor[CloseInfo]()} {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if tag, ok := f.Tag.Lookup("json"); !ok || tag == "" {
				t.Errorf("%s.%s has no json tag", typ.Name(), f.Name)
			}
		}
	}
}

package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/salesops/salesops/money"
	"github.com/salesops/salesops/period"
)

// The frozen inputs read back as written; a payload whose field was
// renamed since, or that is missing, or of another version or period, is
// an error, never a report of blanks.
func TestFrozenMonthInputsReadStrictly(t *testing.T) {
	p, err := period.Parse("2026-10")
	if err != nil {
		t.Fatal(err)
	}
	in := &MonthInputs{Period: "2026-10",
		dash:   &dashData{P: p, Cur: []KPIRow{{Level: "company", Key: "company", NetSales: money.MustParse("19000.00")}}, Coverage: map[string]coverageRow{}},
		score:  &scoreData{P: p, Trend: map[string][]KPIRow{}},
		detail: workbookDetail{deals: []dealLine{{RepID: "A", DealID: "d1", Amount: "10000.00"}}}}
	views, _, err := EncodeMonthInputs(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := DecodeMonthInputs(nil, "2026-10", views)
	if err != nil || !ok || got.KPIs()[0].NetSales != money.MustParse("19000.00") || got.detail.deals[0].DealID != "d1" {
		t.Fatalf("read back: ok %v, err %v", ok, err)
	}
	if _, ok, err := DecodeMonthInputs(nil, "2026-10", nil); ok || err != nil {
		t.Errorf("no views: ok %v, err %v; want not ok, no error", ok, err)
	}
	tests := []struct {
		name string
		edit func(map[string][]byte)
	}{
		{"a renamed field", func(v map[string][]byte) {
			v["dashboard"] = bytes.Replace(v["dashboard"], []byte(`"NetSales"`), []byte(`"Net"`), 1)
		}},
		{"a missing report", func(v map[string][]byte) { delete(v, "detail") }},
		{"another version", func(v map[string][]byte) {
			v["scorecards"] = bytes.Replace(v["scorecards"], []byte(`"version":1`), []byte(`"version":9`), 1)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := map[string][]byte{}
			for k, b := range views {
				v[k] = bytes.Clone(b)
			}
			tc.edit(v)
			if _, _, err := DecodeMonthInputs(nil, "2026-10", v); err == nil || !strings.Contains(err.Error(), "2026-10") {
				t.Errorf("decoded without an error naming the month: %v", err)
			}
		})
	}
	if _, _, err := DecodeMonthInputs(nil, "2026-11", views); err == nil {
		t.Error("the inputs of October read as November's")
	}
	// Another version whose data no longer fits says which version, not
	// which field, wherever the version stands in the payload: it is
	// decoded in one pass, then looked at again.
	data, _ := bytes.CutPrefix(views["dashboard"], []byte(`{"version":1,"data":`))
	v9 := append(append([]byte(`{"data":`), bytes.Replace(bytes.TrimSuffix(data, []byte("}")), []byte(`"NetSales"`), []byte(`"Net"`), 1)...), `,"version":9}`...)
	var d *dashData
	if err := decodeFrozen(v9, &d); err == nil || !strings.Contains(err.Error(), "version 9") {
		t.Errorf("another version with other fields: %v", err)
	}
}

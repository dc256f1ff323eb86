package reports

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/salesops/salesops/money"
)

// TestChartJSON holds the options every chart is serialised to in the
// shape the page's scripts rely on: series values plain (explore.js and
// its tests replace and read them by position), a gap as null, exact
// decimal text as written, the tooltip confined to its chart, no empty
// title or toolbox, a styled item as {value, itemStyle}.
func TestChartJSON(t *testing.T) {
	tests := []struct {
		name  string
		chart Chart
		want  []string // fragments of the JSON, in order
		never []string
	}{
		{"axis", newChart("a", axisChart([]string{"2026-09", "2026-10"},
			barSeries("net", []any{centsText(123456789), centsText(-5)}),
			lineSeries("rate", []any{nil, chartNumber(big.NewRat(1, 3), 6)}))),
			[]string{`"legend":{"type":"scroll","top":"0"}`, `"data":[1234567.89,-0.05]`, `"connectNulls":false`, `"data":[null,0.333333]`,
				`"tooltip":{"trigger":"axis","confine":true}`, `"xAxis":[{"type":"category","data":["2026-09","2026-10"]`},
			[]string{`"title"`, `"toolbox"`, `{"value"`}},
		{"bonus others", newChart("b", bonusChart(&bonusSummary{Allocations: allocationsOf(bonusTopN + 2)}, func(k string) string { return k })),
			[]string{`"legend":{"show":false}`, `"data":[10.00,`, `,{"value":19.79,"itemStyle":{"color":"#9aa5b1"}}]`,
				`"yAxis":[{"type":"category","inverse":true,"data":["r0",`, `"bonus.others"]`},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.chart.Option)
			if err != nil {
				t.Fatal(err)
			}
			got, rest := string(b), string(b)
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("no %s (in order) in\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.never {
				if strings.Contains(got, n) {
					t.Errorf("%s in\n%s", n, got)
				}
			}
		})
	}
}

// allocationsOf is n allocations of 10.00, 9.99, … to reps r0, r1, ….
func allocationsOf(n int) []bonusSlice {
	var out []bonusSlice
	for i := range n {
		out = append(out, bonusSlice{RepID: fmt.Sprint("r", i), Name: fmt.Sprint("r", i), Amount: money.Cents(1000 - i)})
	}
	return out
}

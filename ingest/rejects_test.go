package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/i18n"
)

// Every reject reason, each from a hand-written one-row-bad export.
func TestRejectReasons(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	const salesHead = "deal_id,rep_id,customer_id,status,amount,currency,close_date,created_date\n"
	tests := []struct {
		name, kind, body string
		want             Reject
	}{
		{"missing key", "sales", salesHead + ",R1,C1,won,5,,2026-01-02,\n", Reject{Line: 2, Column: "deal_id", Reason: "missing deal_id"}},
		{"missing rep", "sales", salesHead + "D1,,C1,won,5,,2026-01-02,\n", Reject{Line: 2, Column: "rep_id", Reason: "missing rep_id"}},
		{"bad amount", "sales", salesHead + "D1,R1,C1,won,5x,,2026-01-02,\n", Reject{Line: 2, Column: "amount", Value: "5x", Reason: reasonAmount}},
		{"sub-cent", "sales", salesHead + "D1,R1,C1,won,5.001,,2026-01-02,\n", Reject{Line: 2, Column: "amount", Value: "5.001", Reason: reasonCents}},
		{"bad date", "sales", salesHead + "D1,R1,C1,won,5,,02/01/2026,\n", Reject{Line: 2, Column: "close_date", Value: "02/01/2026", Reason: reasonDate}},
		{"unknown status", "sales", salesHead + "D1,R1,C1,maybe,5,,2026-01-02,\n", Reject{Line: 2, Column: "status", Value: "maybe", Reason: "unknown status word (map it under values: status: in the source)"}},
		{"unknown currency", "sales", salesHead + "D1,R1,C1,won,5,US$,2026-01-02,\n", Reject{Line: 2, Column: "currency", Value: "US$", Reason: reasonCurrency}},
		{"missing fx", "sales", salesHead + "D1,R1,C1,won,5,USD,2026-01-02,\n", Reject{Line: 2, Column: "amount", Value: "5", Reason: "no fx rate for USD in 2026-01 (load it as an fx_rates export)"}},
		{"fx without date", "sales", salesHead + "D1,R1,C1,open,5,USD,,\n", Reject{Line: 2, Column: "amount", Value: "5", Reason: "no close_date or created_date to choose the month of the fx rate"}},
		{"won no close", "sales", salesHead + "D1,R1,C1,won,5,,,\n", Reject{Line: 2, Column: "close_date", Reason: "a won deal needs a close_date"}},
		{"lost no close", "sales", salesHead + "D1,R1,,lost,,,,\n", Reject{Line: 2, Column: "close_date", Reason: "a lost deal needs a close_date"}},
		{"won no amount", "sales", salesHead + "D1,R1,C1,won,,,2026-01-02,\n", Reject{Line: 2, Column: "amount", Reason: "a won deal needs an amount"}},
		{"cancelled no customer", "sales", salesHead + "D1,R1,,cancelled,5,,2026-01-02,\n", Reject{Line: 2, Column: "customer_id", Reason: "a cancelled deal with a close_date (won, then cancelled) needs a customer_id"}},
		{"ragged", "sales", salesHead + "D1,R1,C1,won,5,,2026-01-02,,extra\n", Reject{Line: 2, Reason: "the row has 9 fields; the header has 8"}},
		{"bad quote", "sales", salesHead + "D1,R1,C1,won,5,,2026-01-02,x\"y\n", Reject{Line: 2, Reason: `malformed CSV record: bare " in non-quoted-field`}},
		{"score range", "surveys", "survey_id,customer_id,survey_date,score\nS1,C1,2026-01-02,6\n", Reject{Line: 2, Column: "score", Value: "6", Reason: "score 6 is outside the 1–5 scale"}},
		{"score text", "surveys", "survey_id,customer_id,survey_date,score\nS1,C1,2026-01-02,good\n", Reject{Line: 2, Column: "score", Value: "good", Reason: reasonInt}},
		{"bad timestamp", "followups", "customer_id,rep_id,followup_at\nC1,R1,yesterday\n", Reject{Line: 2, Column: "followup_at", Value: "yesterday", Reason: reasonTimestamp}},
		{"unknown channel", "followups", "customer_id,rep_id,followup_at,方式\nC1,R1,2026-01-02 10:00,飞鸽\n", Reject{Line: 2, Column: "方式", Value: "飞鸽", Reason: "unknown channel word (map it under values: channel: in the source)"}},
		{"bad bool", "sales", "deal_id,rep_id,customer_id,status,amount,是否归档\nD1,R1,C1,open,,也许\n", Reject{Line: 2, Column: "是否归档", Value: "也许", Reason: reasonBool}},
		{"bad rate", "fx_rates", "currency,month,rate\nUSD,2026-01,7.123456789\n", Reject{Line: 2, Column: "rate", Value: "7.123456789", Reason: reasonRate}},
		{"bad month", "fx_rates", "currency,month,rate\nUSD,2026-13,7.1\n", Reject{Line: 2, Column: "month", Value: "2026-13", Reason: reasonMonth}},
		{"ticket kind", "tickets", "ticket_id,customer_id,opened_at,类型\nT1,C1,2026-01-02 10:00,表扬\n", Reject{Line: 2, Column: "类型", Value: "表扬", Reason: "unknown kind word (map it under values: kind: in the source)"}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, filepath.Join("r", string(rune('a'+i))+".csv"), []byte(tc.body))
			_, rejects, err := Validate(context.Background(), p, tc.kind, config.Source{}, cfg, Options{})
			var te *ThresholdError
			if !errors.As(err, &te) || !errors.Is(err, faults.ErrData) {
				t.Fatalf("err = %v; want a ThresholdError (one bad row of one)", err)
			}
			tc.want.File = p
			if diff := cmp.Diff([]Reject{tc.want}, rejects); diff != "" {
				t.Errorf("rejects (-want +got):\n%s", diff)
			}
			// A zh-CN report shows the stored reason read back against the
			// catalog: a reason it does not know would stay English there.
			for _, r := range rejects {
				if zh := i18n.ZhCN.Reason(r.Reason); zh == r.Reason {
					t.Errorf("reason %q is not in the catalog (i18n/catalog_data.go)", r.Reason)
				}
			}
		})
	}
}

func TestMissingColumnsNamed(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "x.csv", []byte("name,city\na,b\n"))
	_, _, err := Validate(context.Background(), p, "sales", config.Source{}, testConfig(t, dir), Options{})
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, faults.ErrData) {
		t.Fatalf("err = %v; want a FileError", err)
	}
	for _, want := range []string{"deal_id", "status", `"city"`} {
		if !strings.Contains(fe.Reason, want) {
			t.Errorf("reason %q does not name %s", fe.Reason, want)
		}
	}
}

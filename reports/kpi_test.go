package reports

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// kpiWant is a KPI row in the form it was computed by hand: money as
// text, rates as exact fractions.
type kpiWant struct {
	Level, Key, Name   string
	Gross, Cancel, Net string
	Won, Lost          int64
	WinRate            string
	New, Followups     int64
	Eff, FPW, Cycle    string
	Leads, Converted   int64
	Conv               string
	Provisional        bool
	Responses          int64
	CSAT, Avg, NPS     string
}

func toWant(r KPIRow) kpiWant {
	return kpiWant{r.Level, r.Key, r.Name, r.GrossSales.String(), r.Cancellations.String(), r.NetSales.String(),
		r.WonDeals, r.LostDeals, kpiRatText(r.WinRate), r.NewCustomers, r.Followups, kpiRatText(r.Efficiency),
		kpiRatText(r.FollowupsPerWonDeal), kpiRatText(r.AvgCycleDays), r.Leads, r.ConvertedLeads, kpiRatText(r.LeadConversion),
		r.ConversionProvisional, r.Responses, kpiRatText(r.CSAT), kpiRatText(r.AvgScore), kpiRatText(r.NPS)}
}

// October 2026 of testdata/kpi/case.sql, by hand:
//
//	A: won d1 10000 (cycle 34 d) and d2 2000 (cycle 9 d, cancelled the same
//	   month); cancellations d2 2000 + d7 1500 (won in September) = 3500.
//	   Follow-ups f1 f2 f3 f4 f10 = 5 → efficiency 12000/5 = 2400; 5/2 per
//	   won deal. Leads: c2 (first touch f2, won d2 7 days later: converted)
//	   and c6 (f10 and f6 share an instant; "f10" < "f6" bytewise, so A's).
//	   Surveys s1 10 and s2 9 (no rep: owner A) → CSAT 1, mean 19/2, NPS 100.
//	B: won d3 3000 (no created date: no cycle), lost d4 d5 d6 → 1/4; new
//	   customer c3; follow-ups f5 f6; surveys 6 and 8 → CSAT 0, NPS −50.
//	C: d10 1234.56 (cycle 29); lead c7 converted; no surveys (all null).
//	unknown: d8 700 by S999; f8; lead c5 converted; s6 (owner S999) 7.
//	unattributed: s5 (no rep, no customer record) 3 → NPS −100.
//	T1 = A+B: win rate 3/6 = 1/2, while the mean of A's 1 and B's 1/4 is
//	   5/8; efficiency 15000/7, while the mean of 2400 and 1500 is 1950.
//	Company: gross 16934.56 over 9 follow-ups = 423364/225; cycle
//	   (34+9+29)/3 = 24; leads 4, converted 3; responses 6, satisfied 2,
//	   scores 43/6, NPS 100·(2−2)/6 = 0. October ends 2026-10-31 and
//	   2026-10-31 + 90 days > as_of: conversion is provisional.
func TestLoadKPIsHandComputed(t *testing.T) {
	w := caseWarehouse(t)
	ctx := context.Background()
	hyper := `=HYPERLINK("http://example.com","x")`
	tests := []struct {
		period string
		want   []kpiWant
	}{
		{"2026-10", []kpiWant{
			{"rep", "A", "Ann", "12000.00", "3500.00", "8500.00", 2, 0, "1", 0, 5, "2400", "5/2", "43/2", 2, 1, "1/2", true, 2, "1", "19/2", "100"},
			{"rep", "B", "Bo", "3000.00", "0.00", "3000.00", 1, 3, "1/4", 1, 2, "1500", "2", "", 0, 0, "", true, 2, "0", "7", "-50"},
			{"rep", "C", hyper, "1234.56", "0.00", "1234.56", 1, 0, "1", 1, 1, "30864/25", "1", "29", 1, 1, "1", true, 0, "", "", ""},
			{"rep", "D", "Dee", "0.00", "0.00", "0.00", 0, 0, "", 0, 0, "", "", "", 0, 0, "", true, 0, "", "", ""},
			{"rep", "unattributed", "unattributed", "0.00", "0.00", "0.00", 0, 0, "", 0, 0, "", "", "", 0, 0, "", true, 1, "0", "3", "-100"},
			{"rep", "unknown", "unknown", "700.00", "0.00", "700.00", 1, 0, "1", 1, 1, "700", "1", "", 1, 1, "1", true, 1, "0", "7", "0"},
			{"team", "T1", "T1", "15000.00", "3500.00", "11500.00", 3, 3, "1/2", 1, 7, "15000/7", "7/3", "43/2", 2, 1, "1/2", true, 4, "1/2", "33/4", "25"},
			{"team", "T2", "T2", "1234.56", "0.00", "1234.56", 1, 0, "1", 1, 1, "30864/25", "1", "29", 1, 1, "1", true, 0, "", "", ""},
			{"region", "East", "East", "15000.00", "3500.00", "11500.00", 3, 3, "1/2", 1, 7, "15000/7", "7/3", "43/2", 2, 1, "1/2", true, 4, "1/2", "33/4", "25"},
			{"region", "South", "South", "1234.56", "0.00", "1234.56", 1, 0, "1", 1, 1, "30864/25", "1", "29", 1, 1, "1", true, 0, "", "", ""},
			{"company", "company", "company", "16934.56", "3500.00", "13434.56", 5, 3, "5/8", 3, 9, "423364/225", "9/5", "24", 4, 3, "3/4", true, 6, "1/3", "43/6", "0"},
		}},
		// The first quarter is past its window (2026-03-31 + 90 < as_of):
		// final. A's c1 converted (won 15 days after its first touch); B's
		// c3 did not (its win came in October, past 90 days).
		{"2026-Q1", []kpiWant{
			{"rep", "A", "Ann", "4000.00", "0.00", "4000.00", 1, 0, "1", 1, 2, "2000", "2", "19", 1, 1, "1", false, 0, "", "", ""},
			{"rep", "B", "Bo", "0.00", "0.00", "0.00", 0, 2, "0", 0, 2, "0", "", "", 1, 0, "0", false, 0, "", "", ""},
			{"rep", "C", hyper, "2000.00", "0.00", "2000.00", 1, 0, "1", 1, 2, "1000", "2", "", 1, 1, "1", false, 0, "", "", ""},
			{"rep", "D", "Dee", "0.00", "0.00", "0.00", 0, 0, "", 0, 0, "", "", "", 0, 0, "", false, 0, "", "", ""},
			{"team", "T1", "T1", "4000.00", "0.00", "4000.00", 1, 2, "1/3", 1, 4, "1000", "4", "19", 2, 1, "1/2", false, 0, "", "", ""},
			{"team", "T2", "T2", "2000.00", "0.00", "2000.00", 1, 0, "1", 1, 2, "1000", "2", "", 1, 1, "1", false, 0, "", "", ""},
			{"region", "East", "East", "4000.00", "0.00", "4000.00", 1, 2, "1/3", 1, 4, "1000", "4", "19", 2, 1, "1/2", false, 0, "", "", ""},
			{"region", "South", "South", "2000.00", "0.00", "2000.00", 1, 0, "1", 1, 2, "1000", "2", "", 1, 1, "1", false, 0, "", "", ""},
			{"company", "company", "company", "6000.00", "0.00", "6000.00", 2, 2, "1/2", 2, 6, "1000", "3", "19", 3, 2, "2/3", false, 0, "", "", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.period, func(t *testing.T) {
			rows, err := LoadKPIs(ctx, w.DB, tt.period)
			if err != nil {
				t.Fatal(err)
			}
			var got []kpiWant
			for _, r := range rows {
				got = append(got, toWant(r))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("KPIs of %s (-want +got):\n%s", tt.period, diff)
			}
		})
	}
	if _, err := LoadKPIs(ctx, w.DB, "2031-01"); err == nil {
		t.Error("a period without data loaded without error")
	}
}

func TestWriteKPIsCSV(t *testing.T) {
	w := caseWarehouse(t)
	ctx := context.Background()
	rows, err := LoadKPIs(ctx, w.DB, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kpis-2026-10.csv")
	if err := WriteKPIsCSV(ctx, path, rows); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	want := map[int]string{
		0:  "\ufefflevel,key,name,gross_sales,cancellations,net_sales,won_deals,lost_deals,win_rate,new_customers,followups,efficiency,followups_per_won_deal,avg_cycle_days,leads,converted_leads,lead_conversion,conversion_provisional,responses,csat,avg_score,nps",
		1:  "rep,A,Ann,12000.00,3500.00,8500.00,2,0,1,0,5,2400,2.5,21.5,2,1,0.5,true,2,1,9.5,100",
		3:  `rep,C,"'=HYPERLINK(""http://example.com"",""x"")",1234.56,0.00,1234.56,1,0,1,1,1,1234.56,1,29,1,1,1,true,0,,,`,
		7:  "team,T1,T1,15000.00,3500.00,11500.00,3,3,0.5,1,7,2142.857142857143,2.333333333333,21.5,2,1,0.5,true,4,0.5,8.25,25",
		11: "company,company,company,16934.56,3500.00,13434.56,5,3,0.625,3,9,1881.617777777778,1.8,24,4,3,0.75,true,6,0.333333333333,7.166666666667,0",
	}
	if len(lines) != 12 {
		t.Fatalf("%d lines, want 12:\n%s", len(lines), b)
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], w)
		}
	}
}

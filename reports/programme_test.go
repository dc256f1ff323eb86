package reports

import (
	"context"
	"html"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/money"
)

// defaultCosts are program.costs' defaults: ¥50,000, ¥20,000, ¥100,000 a year.
func defaultCosts() []ProgrammeCost {
	return []ProgrammeCost{{"crm", money.MustParse("50000")}, {"data_entry", money.MustParse("20000")}, {"training", money.MustParse("100000")}}
}

func progCents(c *money.Cents) string {
	if c == nil {
		return "null"
	}
	return c.String()
}

func TestProgrammeFigures(t *testing.T) {
	// One baseline for the cases below: ¥12,000.00 gross over 6 follow-ups
	// (¥2,000.00 per follow-up), 2 won of 4 decided (1/2).
	base := programmeSums{Gross: money.MustParse("12000"), Net: money.MustParse("12000"), Followups: 6, Won: 2, Lost: 2}
	tests := []struct {
		name             string
		start, through   string
		baseline         string
		toDate           programmeSums
		months           int
		costs            []string // each line to date, then the total
		effNet, effBonus string
		winNet, winBonus string
		effRatio         string // num/den, "" for null
	}{
		// 7 months: 50000·7/12 = 29166.666… → 29,166.67; 20000·7/12 =
		// 11666.666… → 11,666.67; 100000·7/12 = 58333.333… → 58,333.33;
		// total the sum of the lines, 99,166.67.
		// Efficiency 16000/10 = 1600 against 2000: lift −1/5; the net sales
		// it represents: 15000 × (1 − 2000/1600) = −3,750.00, bonus 5% of
		// that −187.50; ratio −3750/99166.67 = −375000/9916667.
		// Win rate 3/5 against 1/2: lift +1/5; 15000 × (1 − (1/2)/(3/5)) =
		// 15000/6 = 2,500.00, bonus 125.00.
		{"seven months, efficiency fell", "2026-01", "2026-07", "2025-01..2025-12",
			programmeSums{Gross: money.MustParse("16000"), Net: money.MustParse("15000"), Followups: 10, Won: 3, Lost: 2},
			7, []string{"29166.67", "11666.67", "58333.33", "99166.67"}, "-3750.00", "-187.50", "2500.00", "125.00", "-375000/9916667"},
		// 1 month: 4,166.67 + 1,666.67 + 8,333.33 = 14,166.67. No sales at
		// all: efficiency 0 (lift −100%) represents no definable amount.
		{"one month, no sales", "2026-01", "2026-01", "2025-01..2025-12",
			programmeSums{Followups: 4, Lost: 3},
			1, []string{"4166.67", "1666.67", "8333.33", "14166.67"}, "null", "null", "null", "null", ""},
		{"reported month before the start", "2026-05", "2026-04", "2025-01..2025-12",
			programmeSums{Gross: money.MustParse("16000"), Net: money.MustParse("15000"), Followups: 10, Won: 3, Lost: 2},
			0, []string{"0.00", "0.00", "0.00", "0.00"}, "null", "null", "null", "null", ""},
		{"no baseline", "2026-01", "2026-12", "",
			programmeSums{Gross: money.MustParse("16000"), Net: money.MustParse("15000"), Followups: 10, Won: 3, Lost: 2},
			12, []string{"50000.00", "20000.00", "100000.00", "170000.00"}, "null", "null", "null", "null", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &programmeData{Start: tt.start, Through: tt.through, Costs: defaultCosts(), PoolRate: big.NewRat(1, 20),
				EffTarget: big.NewRat(1, 5), WinTarget: big.NewRat(3, 20), Baseline: tt.baseline, Base: base, ToDate: tt.toDate}
			f, err := d.figures()
			if err != nil {
				t.Fatal(err)
			}
			if f.Months != tt.months {
				t.Errorf("months %d, want %d", f.Months, tt.months)
			}
			var got []string
			for _, c := range f.Costs {
				got = append(got, c.ToDate.String())
			}
			got = append(got, f.CostToDate.String())
			if strings.Join(got, " ") != strings.Join(tt.costs, " ") {
				t.Errorf("costs to date %v, want %v", got, tt.costs)
			}
			for _, x := range []struct{ what, got, want string }{
				{"efficiency's extra net sales", progCents(f.Eff.ExtraNet), tt.effNet},
				{"efficiency's extra bonus", progCents(f.Eff.ExtraBonus), tt.effBonus},
				{"win rate's extra net sales", progCents(f.Win.ExtraNet), tt.winNet},
				{"win rate's extra bonus", progCents(f.Win.ExtraBonus), tt.winBonus},
				{"efficiency's gain ÷ cost", kpiRatText(f.Eff.Ratio), tt.effRatio},
			} {
				if x.got != x.want {
					t.Errorf("%s %s, want %s", x.what, x.got, x.want)
				}
			}
		})
	}
}

// The hand computation of testdata/programme/case.sql, April to June 2026
// against January to March:
//
//	baseline: gross 10,000 + 2,000 = 12,000.00 over 6 follow-ups: ¥2,000.00
//	  per follow-up; won 2 (b1, b2), lost 2 (b3, b4): win rate 50.0%.
//	programme: gross 9,000 + 6,000 + 3,000.10 + 1,200 (p5, won then
//	  cancelled) = 19,200.10; cancellations 1,200.00 (p5); net 18,000.10;
//	  7 follow-ups (f1–f7; f8 is July's); won 4 (p1, p2, p3, p5), lost 1 (p4).
//	efficiency: 19,200.10 / 7 = 2,742.8714… → ¥2,742.87; lift
//	  19,200.10 / 14,000 − 1 = 0.3714357… → +37.1%, on its +20.0% target.
//	  Extra net sales: 18,000.10 × (1 − 14,000 / 19,200.10) =
//	  18,000.10 × 5,200.10 / 19,200.10 = 4,875.0954… → ¥4,875.10; bonus
//	  5% × 4,875.10 = 243.755 → ¥243.76; ÷ cost 42,500.00 = 0.1147… → 0.11×.
//	win rate: 4/5 = 80.0%; lift 0.8 / 0.5 − 1 = +60.0%, on its +15.0%.
//	  Extra net sales: 18,000.10 × (1 − 0.5 / 0.8) = 18,000.10 × 3/8 =
//	  6,750.0375 → ¥6,750.04; bonus 5% × 6,750.04 = 337.502 → ¥337.50;
//	  ÷ 42,500.00 = 0.1588… → 0.16×.
//	cost, 3 months (April to June) of each year: 50,000 / 4 = ¥12,500.00,
//	  20,000 / 4 = ¥5,000.00, 100,000 / 4 = ¥25,000.00; ¥42,500.00 of
//	  ¥170,000.00 a year.
var programmeCaseEN = []string{
	"Programme: cost against gains", "Since 2026-04, through 2026-06: 3 months.", "against the baseline 2026-01..2026-03",
	"¥12,500.00", "¥5,000.00", "¥25,000.00", "¥170,000.00", `data-figure="cost-to-date">¥42,500.00<`,
	"¥2,000.00", "¥2,742.87", "+37.1%", "+20.0%", `data-figure="extra-net">¥4,875.10<`, `data-figure="extra-bonus">¥243.76<`,
	`data-figure="ratio">0.11×<`, "50.0%", "80.0%", "+60.0%", "+15.0%", `data-figure="extra-net">¥6,750.04<`,
	`data-figure="extra-bonus">¥337.50<`, `data-figure="ratio">0.16×<`, "on target",
}

var programmeCaseZH = []string{"推行方案：投入与收益", "自2026-04起，截至2026-06，共3个月。", "CRM系统", "新增净销售额", "¥4,875.10", "¥42,500.00"}

func TestProgrammeSectionOnDashboard(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Targets.Baseline = "2026-01..2026-03"
	b, err := os.ReadFile("testdata/programme/case.sql")
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	w := buildWarehouse(t, string(b), cfg, asOf)
	for _, tt := range []struct {
		lang string
		want []string
	}{{"en", programmeCaseEN}, {"zh-CN", programmeCaseZH}} {
		t.Run(tt.lang, func(t *testing.T) {
			opt := DashboardOptions{Period: "2026-06", Language: tt.lang, OutDir: t.TempDir(), AsOf: asOf, BaseCurrency: "CNY",
				Programme: ProgrammeOptions{Start: "2026-04", Costs: defaultCosts(), PoolRate: big.NewRat(1, 20)}}
			opt.Targets.EfficiencyLift, opt.Targets.WinRateLift = big.NewRat(1, 5), big.NewRat(3, 20)
			path, err := WriteDashboard(ctx, w.DB, opt)
			if err != nil {
				t.Fatal(err)
			}
			page := readText(t, path)
			for _, s := range tt.want {
				if !strings.Contains(page, s) {
					t.Errorf("dashboard lacks %q", s)
				}
			}
		})
	}
}

func TestProgrammeSectionInAudit(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Targets.Baseline = "2026-01..2026-03"
	b, err := os.ReadFile("testdata/programme/case.sql")
	if err != nil {
		t.Fatal(err)
	}
	w := buildWarehouse(t, string(b), cfg, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC))
	out := t.TempDir()
	paths, err := WriteAudit(ctx, w.DB, AuditOptions{Period: "2026-Q2", Language: "en", OutDir: out, BaseCurrency: "CNY",
		Programme: ProgrammeOptions{Start: "2026-04", Costs: defaultCosts(), PoolRate: big.NewRat(1, 20),
			EfficiencyLift: big.NewRat(1, 5), WinRateLift: big.NewRat(3, 20)}})
	if err != nil {
		t.Fatal(err)
	}
	page := readText(t, filepath.Join(out, "2026-Q2", "audit-2026-Q2.html"))
	for _, s := range programmeCaseEN {
		if !strings.Contains(page, s) {
			t.Errorf("audit page lacks %q", s)
		}
	}
	if len(paths) != 3 {
		t.Errorf("audit wrote %v", paths)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "2026-Q2", "audit-2026-Q2.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Programme", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	// The sheet holds exact numbers, stored as the decimal text written:
	// amounts to the cent, rates as fractions to 12 places.
	want := map[string][]string{
		"Total":               {"Total", "170000.00", "42500.00"},
		"Sales per follow-up": {"Sales per follow-up", "2000.00", "2742.87", "0.371435714286", "0.200000000000", "on target", "4875.10", "243.76", "0.1147"},
		"Win rate":            {"Win rate", "0.500000000000", "0.800000000000", "0.600000000000", "0.150000000000", "on target", "6750.04", "337.50", "0.1588"},
	}
	found := 0
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		if w, ok := want[r[0]]; ok {
			found++
			if strings.Join(r, "|") != strings.Join(w, "|") {
				t.Errorf("programme sheet row\n got %q\nwant %q", r, w)
			}
		}
	}
	if found != len(want) {
		t.Errorf("programme sheet has %d of the %d rows checked: %q", found, len(want), rows)
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return html.UnescapeString(string(b))
}

// A closed month's dashboard shows the programme as the close froze it:
// the section's inputs survive the strict JSON of the frozen inputs, and a
// later change of the costs does not reach it.
func TestProgrammeFrozenWithTheMonth(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Targets.Baseline = "2026-01..2026-03"
	b, err := os.ReadFile("testdata/programme/case.sql")
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	w := buildWarehouse(t, string(b), cfg, asOf)
	opt := DashboardOptions{Period: "2026-06", Language: "en", OutDir: t.TempDir(), AsOf: asOf, BaseCurrency: "CNY",
		Programme: ProgrammeOptions{Start: "2026-04", Costs: defaultCosts(), PoolRate: big.NewRat(1, 20)}}
	opt.Targets.EfficiencyLift, opt.Targets.WinRateLift = big.NewRat(1, 5), big.NewRat(3, 20)
	in, err := LoadMonthInputs(ctx, w.DB, opt)
	if err != nil {
		t.Fatal(err)
	}
	views, _, err := EncodeMonthInputs(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	frozen, ok, err := DecodeMonthInputs(nil, "2026-06", views)
	if err != nil || !ok {
		t.Fatalf("read back: ok %v, err %v", ok, err)
	}
	opt.Programme.Costs = []ProgrammeCost{{"crm", money.MustParse("1")}}
	path, err := WriteDashboardOf(ctx, frozen, opt)
	if err != nil {
		t.Fatal(err)
	}
	page := readText(t, path)
	for _, s := range programmeCaseEN {
		if !strings.Contains(page, s) {
			t.Errorf("frozen dashboard lacks %q", s)
		}
	}
}

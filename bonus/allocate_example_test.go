package bonus

import (
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/money"
)

// TestWorkedExample is the worked example of docs/bonus.md. It does both:
// it asserts every figure of the example against Allocate (the exact values
// below), and it checks that each figure, rendered the way the doc writes
// it, appears in the doc's "Worked example" section, so the doc cannot drift
// from the code without this test failing.
func TestWorkedExample(t *testing.T) {
	plan := defaultPlan()
	companyNet := cents("180000.00")
	reps := []RepInput{
		{RepID: "R1", Eligible: true, NetSales: cents("90000.00"), NewCustomers: 2, Responses: 10, Satisfied: 9},
		{RepID: "R2", Eligible: true, NetSales: cents("30000.00"), NewCustomers: 4, Responses: 5, Satisfied: 2},
		{RepID: "R9", Eligible: true, NetSales: cents("30000.00"), NewCustomers: 1, Responses: 4, Satisfied: 3},
		{RepID: "R10", Eligible: true, NetSales: cents("30000.00"), NewCustomers: 1, Responses: 4, Satisfied: 3},
	}
	pool := Pool(plan, companyNet)
	res, err := Allocate(plan, pool, reps)
	if err != nil {
		t.Fatal(err)
	}

	type fig struct {
		Pool, Cap, Allocated, Unallocated money.Cents
	}
	if d := cmp.Diff(fig{cents("9000.00"), cents("2700.00"), cents("9000.00"), 0},
		fig{res.Pool, res.Cap, res.Allocated, res.Unallocated}); d != "" {
		t.Errorf("totals (-doc +got):\n%s", d)
	}
	want := []RepResult{
		{RepID: "R1", Eligible: true, CSAT: rat("9/10"),
			X:     [3]*big.Rat{rat("90000"), rat("2"), rat("9/10")},
			Share: [3]*big.Rat{rat("1/2"), rat("1/4"), rat("9/28")},
			Score: rat("29/70"), Multiplier: rat("1"), Adjusted: rat("29/70"),
			Capped: true, Raw: rat("2700"), Floor: cents("2700.00"), Allocation: cents("2700.00"), Rank: 1},
		{RepID: "R10", Eligible: true, CSAT: rat("3/4"),
			X:     [3]*big.Rat{rat("30000"), rat("1"), rat("3/4")},
			Share: [3]*big.Rat{rat("1/6"), rat("1/8"), rat("15/56")},
			Score: rat("5/28"), Multiplier: rat("1"), Adjusted: rat("5/28"),
			Raw: rat("26250/11"), Floor: cents("2386.36"), ExtraCent: true, Allocation: cents("2386.37"), Rank: 2},
		{RepID: "R2", Eligible: true, CSAT: rat("2/5"),
			X:     [3]*big.Rat{rat("30000"), rat("4"), rat("2/5")},
			Share: [3]*big.Rat{rat("1/6"), rat("1/2"), rat("1/7")},
			Score: rat("8/35"), Multiplier: rat("1/2"), Adjusted: rat("4/35"),
			Raw: rat("16800/11"), Floor: cents("1527.27"), Allocation: cents("1527.27"), Rank: 4},
		{RepID: "R9", Eligible: true, CSAT: rat("3/4"),
			X:     [3]*big.Rat{rat("30000"), rat("1"), rat("3/4")},
			Share: [3]*big.Rat{rat("1/6"), rat("1/8"), rat("15/56")},
			Score: rat("5/28"), Multiplier: rat("1"), Adjusted: rat("5/28"),
			Raw: rat("26250/11"), Floor: cents("2386.36"), Allocation: cents("2386.36"), Rank: 3},
	}
	if d := cmp.Diff(want, res.Rows, ratString); d != "" {
		t.Errorf("rows (-doc +got):\n%s", d)
	}

	// The first round, before R1 is capped: pool × adjusted / Σ adjusted.
	sumAdj := new(big.Rat)
	for _, r := range res.Rows {
		sumAdj.Add(sumAdj, r.Adjusted)
	}
	firstRound := func(id string) *big.Rat {
		for _, r := range res.Rows {
			if r.RepID == id {
				return new(big.Rat).Quo(new(big.Rat).Mul(pool.Rat(), r.Adjusted), sumAdj)
			}
		}
		t.Fatalf("no rep %s", id)
		return nil
	}
	second := new(big.Rat).Sub(sumAdj, rat("29/70"))

	doc, err := os.ReadFile("../docs/bonus.md")
	if err != nil {
		t.Fatal(err)
	}
	_, example, ok := strings.Cut(string(doc), "## Worked example")
	if !ok {
		t.Fatal("docs/bonus.md has no Worked example section")
	}
	example, _, _ = strings.Cut(example, "\n## ")
	figures := []string{
		grouped(companyNet), grouped(res.Pool), grouped(res.Cap), grouped(res.Allocated),
		"29/70", "5/28", "8/35", "9/28", "15/56", "1/7",
		money.FormatRat(rat("29/70"), 6), money.FormatRat(rat("8/35"), 6), money.FormatRat(rat("5/28"), 6),
		money.FormatRat(rat("4/35"), 6),
		money.FormatRat(sumAdj, 6), "31/35", money.FormatRat(second, 6), "33/70",
		grouped(money.RoundHalfUpRat(firstRound("R1"))), "130,500/31",
		grouped(money.RoundHalfUpRat(firstRound("R2"))), grouped(money.RoundHalfUpRat(firstRound("R9"))),
		grouped(pool - res.Cap), "16,800/11", "26,250/11", "8,999.99",
	}
	// Each row of the final table, cell by cell, with spaces normalised.
	for _, r := range res.Rows {
		raw := grouped(r.Floor)
		if !new(big.Rat).Mul(r.Raw, big.NewRat(100, 1)).IsInt() {
			whole, frac, _ := strings.Cut(r.Raw.FloatString(4), ".")
			raw = grouped(money.MustParse(whole))[:len(grouped(money.MustParse(whole)))-3] + "." + frac + "…"
		}
		cells := []string{r.RepID, raw, map[bool]string{true: "yes"}[r.Capped], grouped(r.Floor),
			map[bool]string{true: "+0.01"}[r.ExtraCent], "**" + grouped(r.Allocation) + "**", fmt.Sprint(r.Rank)}
		figures = append(figures, "| "+strings.Join(cells, " | ")+" |")
	}
	example = strings.Join(strings.Fields(example), " ")
	for i, f := range figures {
		figures[i] = strings.Join(strings.Fields(f), " ")
	}
	for _, f := range figures {
		if !strings.Contains(example, f) {
			t.Errorf("docs/bonus.md worked example does not show %q", f)
		}
	}
}

// grouped renders an amount as the doc does: 2,386.37.
func grouped(c money.Cents) string {
	s := c.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}

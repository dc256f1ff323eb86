package bonus

import (
	"fmt"
	"math/big"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
)

// The defaults live in config.Default only. A plan built from a file that
// sets nothing, from the starter file, from config.Default and from the
// table of docs/bonus.md must all be the same plan: a default copied
// anywhere and changed in one place fails here.
func TestDefaultPlanIsTheSameEverywhere(t *testing.T) {
	empty, err := config.Parse("empty.yaml", fmt.Appendf(nil, "version: %d\n", config.Version))
	if err != nil {
		t.Fatal(err)
	}
	starter, err := config.Parse("salesops.yaml", config.Starter())
	if err != nil {
		t.Fatal(err)
	}
	fromDoc := docPlan(t)
	for name, b := range map[string]config.Bonus{"config.Default": config.Default().Bonus, "an empty file": empty.Bonus, "the starter": starter.Bonus} {
		got, err := PlanFrom(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(planText(fromDoc), planText(got)); diff != "" {
			t.Errorf("the plan of %s differs from docs/bonus.md's defaults (-doc +got):\n%s", name, diff)
		}
	}
}

// planText compares plans by value: big.Rat's internals are not canonical.
func planText(p Plan) []string {
	return []string{RateString(p.PoolRate), RateString(p.Weights[0]), RateString(p.Weights[1]), RateString(p.Weights[2]),
		fmt.Sprint(p.MinResponses), RateString(p.SatisfactionFloor), RateString(p.GateMultiplier), RateString(p.MaxShare)}
}

// docPlan reads the defaults table of docs/bonus.md ("| `pool_rate` | 5% | …").
func docPlan(t *testing.T) Plan {
	t.Helper()
	doc, err := os.ReadFile("../docs/bonus.md")
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	for _, line := range strings.Split(string(doc), "\n") {
		f := strings.Split(line, "|")
		if len(f) == 5 {
			cells[strings.Trim(strings.TrimSpace(f[1]), "`")] = strings.TrimSpace(f[2])
		}
	}
	num := func(s string) *big.Rat {
		pct := strings.HasSuffix(s, "%")
		r, ok := new(big.Rat).SetString(strings.TrimSuffix(s, "%"))
		if !ok {
			t.Fatalf("docs/bonus.md: default %q is not a number", s)
		}
		if pct {
			r.Quo(r, big.NewRat(100, 1))
		}
		return r
	}
	w := regexp.MustCompile(`^sales ([0-9.]+), new customers ([0-9.]+), satisfaction ([0-9.]+)$`).FindStringSubmatch(cells["weights"])
	if w == nil {
		t.Fatalf("docs/bonus.md: weights default %q not understood", cells["weights"])
	}
	minResp, ok := new(big.Int).SetString(cells["min_responses"], 10)
	if !ok {
		t.Fatalf("docs/bonus.md: min_responses default %q", cells["min_responses"])
	}
	return Plan{PoolRate: num(cells["pool_rate"]), Weights: [3]*big.Rat{num(w[1]), num(w[2]), num(w[3])},
		MinResponses: minResp.Int64(), SatisfactionFloor: num(cells["satisfaction_floor"]),
		GateMultiplier: num(cells["gate_multiplier"]), MaxShare: num(cells["max_share"])}
}

func TestPlanFromRefusesAnInvalidPlan(t *testing.T) {
	b := config.Default().Bonus
	b.MinResponses = 0
	if _, err := PlanFrom(b); err == nil || !strings.Contains(err.Error(), "min_responses") {
		t.Errorf("PlanFrom with min_responses 0: %v", err)
	}
}

package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/salesops/salesops/faults"
)

func TestOverrideBonus(t *testing.T) {
	tests := []struct {
		key, value string
		want       func(Bonus) string // the setting as text after the override
		wantText   string
		wantErr    string // a fragment of the usage error
	}{
		{key: "bonus.max_share", value: "0.25", want: func(b Bonus) string { return b.MaxShare.String() }, wantText: "0.25"},
		{key: "bonus.max_share", value: "25%", want: func(b Bonus) string { return b.MaxShare.String() }, wantText: "0.25"},
		{key: "bonus.max_share", value: "null", want: func(b Bonus) string {
			if b.MaxShare == nil {
				return "no cap"
			}
			return b.MaxShare.String()
		}, wantText: "no cap"},
		// 0.1 is exactly 1/10 here, not the float nearest to it.
		{key: "bonus.weights.sales", value: "0.1", want: func(b Bonus) string { return b.Weights.Sales.Rat().RatString() }, wantText: "1/10"},
		{key: "bonus.min_responses", value: "5", want: func(b Bonus) string { return strings.Repeat("x", b.MinResponses) }, wantText: "xxxxx"},
		{key: "bonus.pool_rate", value: "1e-2", wantErr: `bonus.pool_rate: "1e-2" is not a decimal`},
		{key: "bonus.max_share", value: "1.5", wantErr: "bonus.max_share: 1.5 must be at most 1"},
		{key: "bonus.min_responses", value: "many", wantErr: `bonus.min_responses: "many" is not a whole number`},
		{key: "bonus.min_responses", value: "0", wantErr: "bonus.min_responses: 0; want at least 1"},
		{key: "bonus.weights.sales", value: "null", wantErr: "bonus.weights.sales cannot be null"},
		{key: "bonus.poolrate", value: "0.1", wantErr: `unknown setting "bonus.poolrate"`},
		{key: "bonus.weights", value: "0.1", wantErr: `unknown setting "bonus.weights"`},
		{key: "bonus.pool_rate", value: "0.1\n  max_share: 1", wantErr: "bonus.pool_rate: \"0.1\\n  max_share: 1\" is not a value"},
		{key: "bonus.pool_rate", value: "", wantErr: "is not a value"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			base := Default().Bonus
			got, err := OverrideBonus(base, tt.key, tt.value)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, faults.ErrUsage) {
					t.Fatalf("err = %v, want a usage error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := tt.want(got); s != tt.wantText {
				t.Errorf("after the override: %q, want %q", s, tt.wantText)
			}
			if base.MaxShare.String() != "0.3" || base.Weights.Sales.String() != "0.6" || base.MinResponses != 3 {
				t.Errorf("the override changed the plan it copied: %+v", base)
			}
		})
	}
}

func TestBonusKeysAreTheDocumentedSettings(t *testing.T) {
	want := "bonus.pool_rate bonus.weights.sales bonus.weights.new_customers bonus.weights.satisfaction bonus.min_responses " +
		"bonus.satisfaction_floor bonus.gate_multiplier bonus.max_share bonus.require_approval bonus.statements"
	if got := strings.Join(BonusKeys(), " "); !strings.HasPrefix(got, want) {
		t.Errorf("BonusKeys() = %s\nwant it to start with %s", got, want)
	}
}

func TestParseBonusFile(t *testing.T) {
	tests := []struct {
		name, text string
		wantErr    string
		check      func(Bonus) bool
	}{
		{name: "absent settings take the defaults", text: "bonus:\n  max_share: null\n  weights:\n    sales: 0.5\n",
			check: func(b Bonus) bool {
				return b.MaxShare == nil && b.Weights.Sales.String() == "0.5" && b.Weights.NewCustomers.String() == "0.2" && b.PoolRate.String() == "0.05"
			}},
		{name: "an unknown key names it and its line", text: "bonus:\n  pool_rate: 5%\n  poolrate: 1\n", wantErr: `[3:3] unknown field "poolrate"`},
		{name: "only a bonus block", text: "version: 1\nbonus:\n  pool_rate: 5%\n", wantErr: `unknown field "version"`},
		{name: "no bonus block", text: "# nothing\n", wantErr: "holds no bonus: block"},
		{name: "limits as in the configuration", text: "bonus:\n  gate_multiplier: 2\n", wantErr: "bonus.gate_multiplier: 2 must be at most 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseBonusFile("plan.yaml", []byte(tt.text))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, faults.ErrUsage) {
					t.Fatalf("err = %v, want a usage error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(got) {
				t.Errorf("plan %+v", got)
			}
		})
	}
}

package config

import (
	"strings"
	"testing"
)

func TestProgramDefaultsAndOverrides(t *testing.T) {
	tests := []struct {
		name, text string
		crm, data  string // yearly costs as exact fractions
		training   string
		start      string // "" when there is none
	}{
		{"defaults, no baseline", "version: 1\n", "50000", "20000", "100000", ""},
		{"start defaults to the month after the baseline", "version: 1\ntargets: {baseline: 2025-01..2025-12}\n",
			"50000", "20000", "100000", "2026-01"},
		{"one cost changed, the others kept", "version: 1\nprogram:\n  costs: {crm: 60000.5}\n",
			"120001/2", "20000", "100000", ""},
		{"start given", "version: 1\ntargets: {baseline: 2025-01..2025-06}\nprogram: {start: 2025-09, costs: {training: 0}}\n",
			"50000", "20000", "0", "2025-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("t.yaml", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			k := c.Program.Costs
			for _, x := range []struct{ key, got, want string }{
				{"crm", k.CRM.Rat().RatString(), tt.crm},
				{"data_entry", k.DataEntry.Rat().RatString(), tt.data},
				{"training", k.Training.Rat().RatString(), tt.training},
			} {
				if x.got != x.want {
					t.Errorf("program.costs.%s = %s, want %s", x.key, x.got, x.want)
				}
			}
			p, ok := c.ProgramStart()
			got := ""
			if ok {
				got = p.String()
			}
			if got != tt.start {
				t.Errorf("programme start %q, want %q", got, tt.start)
			}
		})
	}
}

func TestStarterHasTheProgramDefaults(t *testing.T) {
	c, err := Parse("starter.yaml", Starter())
	if err != nil {
		t.Fatal(err)
	}
	d := Default().Program.Costs.Lines()
	for i, l := range c.Program.Costs.Lines() {
		if l.Yearly.Cmp(d[i].Yearly) != 0 {
			t.Errorf("starter program.costs.%s = %s, default %s", l.Key, l.Yearly.RatString(), d[i].Yearly.RatString())
		}
	}
}

func TestProgramErrorsNameTheKey(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"negative", "version: 1\nprogram:\n  costs: {crm: -1}\n", "program.costs.crm: -1 must not be negative"},
		{"fraction of a cent", "version: 1\nprogram:\n  costs: {data_entry: 20000.005}\n",
			"program.costs.data_entry: 20000.005 is not an amount in whole cents"},
		{"not a number", "version: 1\nprogram:\n  costs:\n    training: lots\n", `[4:15] program.costs.training: "lots" is not a decimal number`},
		{"unknown cost", "version: 1\nprogram:\n  costs: {coffee: 10}\n", `unknown field "coffee"`},
		{"unknown key", "version: 1\nprogram:\n  begin: 2026-01\n", `unknown field "begin"`},
		{"start not a month", "version: 1\nprogram: {start: 2026-Q1}\n", `program.start: "2026-Q1"; want a month`},
		{"start inside the baseline", "version: 1\ntargets: {baseline: 2025-01..2025-12}\nprogram: {start: 2025-12}\n",
			"program.start: 2025-12 is not after the baseline 2025-01..2025-12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

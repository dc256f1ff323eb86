package transform_test

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	sqlmodels "github.com/salesops/salesops/sql"
	"github.com/salesops/salesops/transform"
	"github.com/salesops/salesops/warehouse"
)

// stepTables are the tables a Go step writes besides the one it is named
// after: the data tests read them as the step's output.
var stepTables = map[string]string{"bonus_pools": "bonus_allocations"}

// TestDependsHeadersMatchWhatModelsRead parses each model with DuckDB's own
// parser (json_serialize_sql of its SELECT) and holds the tables it reads
// with its data tests' against its "-- depends:" header: the transform
// orders and prunes by the header, so a table read but not declared may be
// stale or missing, and one declared but not read is built for nothing.
func TestDependsHeadersMatchWhatModelsRead(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	models, tests, err := transform.LoadModels(sqlmodels.FS())
	if err != nil {
		t.Fatal(err)
	}
	deps := map[string][]string{"bonus_allocations": {"bonus_inputs", "company_month"}}
	for _, m := range models {
		deps[m.Name] = m.Depends
	}
	system := warehouse.SchemaTables()
	// read returns the transform's tables name's SQL q reads; base gets
	// the tables outside the transform (canonical and system) it reads.
	base := map[string][]string{}
	read := func(t *testing.T, name, q string) []string {
		t.Helper()
		var js string
		if err := w.DB.QueryRowContext(ctx, "SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS VARCHAR)", q).Scan(&js); err != nil {
			t.Fatalf("%s: parsing: %v", name, err)
		}
		var tree any
		if err := json.Unmarshal([]byte(js), &tree); err != nil {
			t.Fatalf("%s: reading the parse tree: %v", name, err)
		}
		if m, _ := tree.(map[string]any); m["error"] == true {
			t.Fatalf("%s: DuckDB could not parse it: %v", name, m["error_message"])
		}
		tables, ctes := map[string]bool{}, map[string]bool{}
		walkTables(tree, tables, ctes)
		var out []string
		for n := range tables {
			if s, ok := stepTables[n]; ok {
				n = s
			}
			switch {
			case ctes[n] || n == name:
			case slices.Contains(system, n):
				if !slices.Contains(base[name], n) {
					base[name] = append(base[name], n)
				}
			case !slices.Contains(out, n):
				out = append(out, n)
			}
		}
		slices.Sort(out)
		return out
	}
	testsOf := map[string][]transform.Model{}
	for _, ts := range tests {
		testsOf[ts.Tests] = append(testsOf[ts.Tests], ts)
	}
	for _, m := range models {
		t.Run("model/"+m.Name, func(t *testing.T) {
			loc := createAs.FindStringSubmatchIndex(m.SQL)
			if loc == nil || m.SQL[loc[2]:loc[3]] != m.Name {
				t.Fatalf("%s does not start with CREATE OR REPLACE TABLE (or VIEW) %s AS", m.Name, m.Name)
			}
			got := read(t, m.Name, m.SQL[loc[1]:])
			for _, ts := range testsOf[m.Name] {
				got = append(got, read(t, m.Name, ts.SQL)...)
			}
			got = slices.Compact(slices.Sorted(slices.Values(got)))
			if want := slices.Sorted(slices.Values(m.Depends)); !slices.Equal(got, want) {
				t.Errorf("%s and its data tests read %v; its header says -- depends: %s", m.Name, got, strings.Join(want, ", "))
			}
			// The reads header decides when the model is up to date
			// (transform/fresh.go): a table read but not declared would
			// leave the model stale when that table changes.
			if got, want := slices.Sorted(slices.Values(base[m.Name])), slices.Sorted(slices.Values(m.Reads)); !slices.Equal(got, want) {
				t.Errorf("%s and its data tests read the tables %v; its header says -- reads: %s", m.Name, got, strings.Join(want, ", "))
			}
		})
	}
	// A step's dependencies are Go's to declare; its data tests may read
	// only what the step needs.
	for _, ts := range testsOf["bonus_allocations"] {
		t.Run("test/"+ts.Name, func(t *testing.T) {
			up := ancestors(deps, ts.Tests)
			for _, n := range read(t, ts.Tests, ts.SQL) {
				if !up[n] {
					t.Errorf("data test %s (of %s) reads %s, which %s does not depend on", ts.Name, ts.Tests, n, ts.Tests)
				}
			}
		})
	}
}

var createAs = regexp.MustCompile(`(?im)^CREATE OR REPLACE (?:TABLE|VIEW) (\w+) AS\b`)

// walkTables collects the base tables a parse tree names and the names its
// WITH clauses define (a reference to one of those is not a table).
func walkTables(n any, tables, ctes map[string]bool) {
	switch x := n.(type) {
	case map[string]any:
		if x["type"] == "BASE_TABLE" {
			if name, ok := x["table_name"].(string); ok {
				tables[name] = true
			}
		}
		if cm, ok := x["cte_map"].(map[string]any); ok {
			entries, _ := cm["map"].([]any)
			for _, e := range entries {
				if em, ok := e.(map[string]any); ok {
					if k, ok := em["key"].(string); ok {
						ctes[k] = true
					}
				}
			}
		}
		for _, v := range x {
			walkTables(v, tables, ctes)
		}
	case []any:
		for _, v := range x {
			walkTables(v, tables, ctes)
		}
	}
}

func ancestors(deps map[string][]string, n string) map[string]bool {
	seen := map[string]bool{n: true}
	var visit func(string)
	visit = func(n string) {
		for _, d := range deps[n] {
			if !seen[d] {
				seen[d] = true
				visit(d)
			}
		}
	}
	visit(n)
	return seen
}

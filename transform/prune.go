package transform

import (
	"fmt"
	"slices"
	"strings"
)

// prune keeps the nodes that targets need: the targets and, transitively,
// what they depend on. A job reads a few report-facing models; building the
// rest (the audit, for the monthly bonus) costs minutes at scale and memory
// the job does not have. No targets keep every node: `salesops transform`
// builds all.
func prune(nodes map[string][]string, targets []string) (map[string][]string, error) {
	if len(targets) == 0 {
		return nodes, nil
	}
	kept := map[string][]string{}
	var unknown []string
	var visit func(n string)
	visit = func(n string) {
		if _, done := kept[n]; done {
			return
		}
		deps, ok := nodes[n]
		if !ok {
			return // order reports a missing dependency; a missing target is reported below
		}
		kept[n] = deps
		for _, d := range deps {
			visit(d)
		}
	}
	for _, t := range targets {
		if _, ok := nodes[t]; !ok {
			unknown = append(unknown, t)
			continue
		}
		visit(t)
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return nil, fmt.Errorf("transform targets %s are neither models nor steps", strings.Join(unknown, ", "))
	}
	return kept, nil
}

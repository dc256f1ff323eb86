package transform

import (
	"bufio"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Model is one SQL model or data test read from the models FS.
type Model struct {
	Name    string   // the table it builds (file name without .sql)
	Depends []string // from the "-- depends:" header
	Reads   []string // tables outside the transform it reads: the "-- reads:" header
	Tests   string   // for a data test: the model it checks ("-- tests:")
	// Threads, from a "-- threads: N" header, caps DuckDB's threads while
	// the model builds or the data test runs: each thread of a join or aggregate holds its own
	// partitions, and inside the transform's one transaction a wide model
	// can need more than memory_limit with every thread at work.
	Threads int
	// Refresh, from a "-- refresh: <key>" header, lets a new day rebuild
	// only the rows of the keys its batches touched (keyed.go).
	Refresh string
	// Merge is the statement after a "-- on new rows:" line: how a day
	// that only added rows to the model's inputs is merged into its table
	// (merge.go). SQL holds what comes before that line.
	Merge string
	// MergeChanged says the line was "-- on changed rows:" instead: the
	// merge also takes out what the versions a day replaced had put in,
	// so it runs on days that change rows too (merge.go).
	MergeChanged bool
	// First, from a "-- first: <why>" header on a data test, builds the
	// model it tests as soon as its dependencies allow, ahead of models
	// ready at the same time (order): the canonical key tests, so that a
	// duplicated key fails as what it is and not later as its symptom in
	// another model's test (a finding id shared by two opportunities).
	First bool
	SQL   string
}

// LoadModels reads models/*.sql and tests/*.sql from fsys.
func LoadModels(fsys fs.FS) (models, tests []Model, err error) {
	for _, dir := range []string{"models", "tests"} {
		names, err := fs.Glob(fsys, dir+"/*.sql")
		if err != nil {
			return nil, nil, err
		}
		slices.Sort(names)
		for _, name := range names {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, nil, fmt.Errorf("reading %s: %w", name, err)
			}
			m := parseModel(strings.TrimSuffix(path.Base(name), ".sql"), string(b))
			if dir == "models" {
				models = append(models, m)
			} else {
				if m.Tests == "" {
					return nil, nil, fmt.Errorf("data test %s has no '-- tests: <model>' header", name)
				}
				tests = append(tests, m)
			}
		}
	}
	return models, tests, nil
}

// mergeMarkerRE is the line that starts a model's merge statement.
var mergeMarkerRE = regexp.MustCompile(`(?m)^--\s*on (new|changed) rows:.*$`)

func parseModel(name, text string) Model {
	m := Model{Name: name, SQL: text}
	if loc := mergeMarkerRE.FindStringSubmatchIndex(text); loc != nil {
		m.SQL, m.Merge = text[:loc[0]], strings.TrimSpace(text[loc[1]:])
		m.MergeChanged = text[loc[2]:loc[3]] == "changed"
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "--") {
			if line != "" {
				break // headers end at the first statement line
			}
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "--"))
		if v, ok := strings.CutPrefix(line, "depends:"); ok {
			for _, d := range strings.Split(v, ",") {
				if d = strings.TrimSpace(d); d != "" {
					m.Depends = append(m.Depends, d)
				}
			}
		}
		if v, ok := strings.CutPrefix(line, "reads:"); ok {
			for _, d := range strings.Split(v, ",") {
				if d = strings.TrimSpace(d); d != "" {
					m.Reads = append(m.Reads, d)
				}
			}
		}
		if v, ok := strings.CutPrefix(line, "tests:"); ok {
			m.Tests = strings.TrimSpace(v)
		}
		if _, ok := strings.CutPrefix(line, "first:"); ok {
			m.First = true
		}
		if v, ok := strings.CutPrefix(line, "refresh:"); ok {
			m.Refresh = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "threads:"); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
				m.Threads = n
			}
		}
	}
	return m
}

// order sorts nodes so that every node comes after what it depends on;
// among nodes that are ready at once, those in first go first, then the
// smaller name, so the order is stable. It fails on unknown dependencies
// and cycles.
func order(nodes map[string][]string, first map[string]bool) ([]string, error) {
	for n, deps := range nodes {
		for _, d := range deps {
			if _, ok := nodes[d]; !ok {
				return nil, fmt.Errorf("model %s depends on %s, which does not exist", n, d)
			}
		}
	}
	done := map[string]bool{}
	var out []string
	for len(out) < len(nodes) {
		var ready []string
		for n, deps := range nodes {
			if done[n] {
				continue
			}
			if !slices.ContainsFunc(deps, func(d string) bool { return !done[d] }) {
				ready = append(ready, n)
			}
		}
		if len(ready) == 0 {
			var left []string
			for n := range nodes {
				if !done[n] {
					left = append(left, n)
				}
			}
			slices.Sort(left)
			return nil, fmt.Errorf("models depend on each other in a cycle: %s", strings.Join(left, ", "))
		}
		slices.SortFunc(ready, func(a, b string) int {
			if first[a] != first[b] {
				if first[a] {
					return -1
				}
				return 1
			}
			return strings.Compare(a, b)
		})
		n := ready[0]
		done[n] = true
		out = append(out, n)
	}
	return out, nil
}

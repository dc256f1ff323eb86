package transform

import (
	"fmt"

	sqlmodels "github.com/salesops/salesops/sql"
)

// plan is what one transform runs: models and steps in dependency order,
// each with its data tests.
type plan struct {
	seq     []string
	models  map[string]Model
	steps   map[string]Step
	testsOf map[string][]Model
}

// Plan names the models and steps Run builds for opt, in the order it
// builds them: with opt.Targets, only those and what they depend on.
func Plan(opt Options) ([]string, error) {
	p, err := newPlan(opt)
	return p.seq, err
}

func newPlan(opt Options) (plan, error) {
	fsys := opt.FS
	if fsys == nil {
		fsys = sqlmodels.FS()
	}
	models, tests, err := LoadModels(fsys)
	if err != nil {
		return plan{}, err
	}
	p := plan{models: map[string]Model{}, steps: map[string]Step{}, testsOf: map[string][]Model{}}
	nodes, first := map[string][]string{}, map[string]bool{}
	for _, m := range models {
		if err := checkRefresh(m); err != nil {
			return plan{}, err
		}
		if err := checkView(m); err != nil {
			return plan{}, err
		}
		nodes[m.Name] = m.Depends
		p.models[m.Name] = m
	}
	for _, s := range opt.Steps {
		if _, dup := nodes[s.Name]; dup {
			return plan{}, fmt.Errorf("step %s has the name of a model", s.Name)
		}
		nodes[s.Name] = s.Depends
		p.steps[s.Name] = s
	}
	for _, t := range tests {
		if t.Refresh != "" && !identRE.MatchString(t.Refresh) {
			return plan{}, fmt.Errorf("data test %s: refresh key %q is not a plain column name", t.Name, t.Refresh)
		}
		if _, ok := nodes[t.Tests]; !ok {
			return plan{}, fmt.Errorf("data test %s tests %s, which does not exist", t.Name, t.Tests)
		}
		p.testsOf[t.Tests] = append(p.testsOf[t.Tests], t)
		first[t.Tests] = first[t.Tests] || t.First
	}
	if nodes, err = prune(nodes, opt.Targets); err != nil {
		return plan{}, err
	}
	if p.seq, err = order(nodes, first); err != nil {
		return plan{}, err
	}
	return p, nil
}

// checkView refuses a view that reads a parameter: a view is evaluated
// when it is read, by a report or a query after the transform, where the
// transform's variables are not set, so getvariable() there returns NULL
// and the view's coalesce default would silently stand in for the
// configured value.
func checkView(m Model) error {
	if !createViewRE.MatchString(m.SQL) {
		return nil
	}
	if x := getvariableRE.FindStringSubmatch(m.SQL); x != nil {
		return fmt.Errorf("model %s is a view but reads getvariable('%s'), which is set only while the transform runs: read it in a table model", m.Name, x[1])
	}
	return nil
}

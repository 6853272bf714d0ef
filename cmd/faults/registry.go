package main

import (
	"fmt"
	"regexp"
	"sort"
)

// Scenario is one fault: a file of this folder registers it from init.
type Scenario struct {
	Order   int    // place in the run and the table (issue 11's numbering)
	Name    string // what -run selects
	Promise string // what it checks, in one line
	// OwnDatabase: the scenario brings its own PostgreSQL (the embedded
	// mode) and needs neither the suite's cluster nor the demo template.
	OwnDatabase bool
	// Run does the scenario and returns an error naming every broken
	// promise; it prints its figures through Env.
	Run func(*Env) error
}

var registry []Scenario

func register(s Scenario) {
	for _, o := range registry {
		if o.Name == s.Name {
			panic("faults: two scenarios named " + s.Name)
		}
	}
	registry = append(registry, s)
}

// selectScenarios returns, in order, the scenarios whose name matches the
// regular expression (all of them for "").
func selectScenarios(pattern string) ([]Scenario, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("-run: %w", err)
	}
	var out []Scenario
	for _, s := range registry {
		if re.MatchString(s.Name) {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	if len(out) == 0 {
		return nil, fmt.Errorf("-run %q selects no scenario (-list lists them)", pattern)
	}
	return out, nil
}

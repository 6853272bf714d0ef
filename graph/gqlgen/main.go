// Command gqlgen generates the GraphQL executor (graph/generated) as
// gqlgen's own command does, with the resolution of one operation kept in
// the request's goroutine and without the per-object work of features the
// schema does not use.
//
// gqlgen starts a goroutine for each field that has a resolver or a method
// taking a context (every ent edge) and for each element of a list, so
// that independent fetches can overlap. Turbota's resolvers of one
// operation share its transaction and run one at a time anyway
// (server.aroundField), so those goroutines only cost: a page of 50 cases
// started some 350 of them. Objects are marked to resolve their fields in
// turn (serialFields) and lists are marshalled by graph/marshal (lists.go).
//
// gqlgen also prepares, for every object it writes, a group of @defer'd
// fields, computing the object's whole path to label it; no field of
// Turbota's executor is ever deferred, and those groups were a tenth of the
// allocations of a page of cases (deferred.go).
package main

import (
	"fmt"
	"os"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		fail(2, err)
	}
	if err := api.Generate(cfg, api.AddPlugin(serialFields{})); err != nil {
		fail(3, err)
	}
	if err := rewrite(cfg.Exec.Filename, sequentialLists, noDeferredGroups); err != nil {
		fail(4, err)
	}
}

func fail(code int, err error) {
	fmt.Fprintln(os.Stderr, "gqlgen:", err)
	os.Exit(code)
}

// serialFields turns off the concurrent resolution of fields.
type serialFields struct{}

func (serialFields) Name() string { return "serialfields" }

// GenerateCode runs before the executor is written, on the data it is
// written from.
func (serialFields) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		o.DisableConcurrency = true
	}
	return nil
}

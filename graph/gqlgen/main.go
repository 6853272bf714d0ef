// Command gqlgen generates the GraphQL executor (graph/generated) as
// gqlgen's own command does, with one change: every object's fields are
// resolved one after another in the request's goroutine.
//
// gqlgen starts a goroutine for each field that has a resolver or a method
// taking a context (every ent edge), so that independent fetches can
// overlap. Turbota's resolvers of one operation share its transaction and
// run one at a time anyway (server.aroundField), so those goroutines only
// cost: a page of 50 cases started some 200 of them, and growing their
// stacks took a tenth of the server's CPU under load.
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
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(2)
	}
	if err := api.Generate(cfg, api.AddPlugin(serialFields{})); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(3)
	}
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

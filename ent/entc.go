//go:build ignore

package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	"github.com/turbota/turbota/internal/apidoc"
)

func main() {
	ex, err := entgql.NewExtension(
		// entgql's templates, its mutation inputs' replaced by a fixed copy
		// (template/gql_mutation_input.tmpl: appends append their own list).
		entgql.WithTemplates(entgql.CollectionTemplate, entgql.EnumTemplate, entgql.NodeTemplate, entgql.PaginationTemplate,
			entgql.TransactionTemplate, entgql.EdgeTemplate,
			gen.MustParse(gen.NewTemplate("gql_mutation_input").Funcs(entgql.TemplateFuncs).ParseFiles("template/gql_mutation_input.tmpl"))),
		entgql.WithSchemaGenerator(),
		entgql.WithWhereInputs(true),
		entgql.WithConfigPath("../gqlgen.yml"),
		entgql.WithSchemaPath("../graph/ent.graphql"),
		// Every generated type, field and argument gets its English words.
		entgql.WithSchemaHook(apidoc.Hook, apidoc.EnumValues("../web/src/i18n/en.json")),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeaturePrivacy,
			gen.FeatureEntQL,
			gen.FeatureIntercept,
			gen.FeatureVersionedMigration,
			gen.FeatureExecQuery,
			gen.FeatureUpsert,
			gen.FeatureSnapshot,
		},
		Templates: []*gen.Template{
			gen.MustParse(gen.NewTemplate("pulid").ParseFiles("template/pulid.tmpl")),
			gen.MustParse(gen.NewTemplate("m2m_keys_first").ParseFiles("template/m2m_keys_first.tmpl")),
		},
	}, entc.Extensions(ex))
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}

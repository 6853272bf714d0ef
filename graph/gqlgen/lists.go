package main

const (
	gqlgenImport  = "\"github.com/99designs/gqlgen/graphql\"\n"
	marshalImport = "\"github.com/turbota/turbota/graph/marshal\"\n"
)

// sequentialLists marshals lists with marshal.Slice, which takes the
// arguments of gqlgen's MarshalSliceConcurrently and marshals the elements
// one after another.
func sequentialLists(src string) (string, error) {
	src, err := replaceAll(src, "graphql.MarshalSliceConcurrently(", "marshal.Slice(")
	if err != nil {
		return "", err
	}
	return replaceAll(src, gqlgenImport, gqlgenImport+marshalImport)
}

// Package graph holds the GraphQL schema and its resolvers. The executor in
// generated/ and the models in model/ are produced by gqlgen.
package graph

//go:generate go run ./gqlgen

// Package ent holds the generated data layer; only schema/, template/,
// migrate/migrations/ and the entc configuration are written by hand.
package ent

//go:generate go run -mod=mod entc.go

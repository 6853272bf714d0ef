package main

import (
	"errors"
	"strings"
)

// noDeferredGroups starts each object's group of deferred fields empty
// instead of with the object's path, a field set and a map. The executor
// never fills one (it writes no Defers entry), so an empty group is what
// gqlgen's own code then finds: no deferred fields to process.
func noDeferredGroups(src string) (string, error) {
	if strings.Contains(src, ".Defers[") {
		return "", errors.New("the executor defers fields now: its deferred groups must be kept")
	}
	return replaceAll(src, "deferred := graphql.NewDeferredGroup(ctx)", "var deferred graphql.DeferredGroup")
}

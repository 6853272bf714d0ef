package graph

import "github.com/turbota/turbota/ent"

// andWhere joins an explicit case filter with a saved one: a case must
// pass both.
func andWhere(where, saved *ent.CaseWhereInput) *ent.CaseWhereInput {
	if where == nil {
		return saved
	}
	return &ent.CaseWhereInput{And: []*ent.CaseWhereInput{where, saved}}
}

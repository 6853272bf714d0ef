package schematype

import "github.com/turbota/turbota/ent/schema/pulid"

// PlanGoal is one goal of an individual plan with the actions towards it.
type PlanGoal struct {
	Key     string       `json:"key"` // stable across versions, so reviews can follow a goal
	Text    string       `json:"text"`
	Actions []PlanAction `json:"actions"`
}

// PlanAction is one action: what, who answers for it, by when.
type PlanAction struct {
	Text                      string   `json:"text"`
	ResponsibleOrganizationID pulid.ID `json:"responsibleOrganizationID"`
	ResponsiblePerson         string   `json:"responsiblePerson,omitempty"`
	Due                       string   `json:"due"` // YYYY-MM-DD
}

// GoalOutcome is what a review found of one goal.
type GoalOutcome struct {
	Key     string `json:"key"`
	Outcome string `json:"outcome"` // ACHIEVED, PARTLY_ACHIEVED, NOT_ACHIEVED, NO_LONGER_RELEVANT
	Note    string `json:"note,omitempty"`
}

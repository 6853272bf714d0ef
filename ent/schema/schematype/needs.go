package schematype

// DomainRating is one side of the assessment triangle: the child's
// development needs, the parents' capacity, or family and environment.
type DomainRating struct {
	// Domain: CHILD_DEVELOPMENT, PARENTING_CAPACITY or FAMILY_ENVIRONMENT.
	Domain string `json:"domain"`
	// Rating: NO_CONCERN, SOME_CONCERN, SERIOUS_CONCERN or CRITICAL.
	Rating    string `json:"rating"`
	Narrative string `json:"narrative"`
}

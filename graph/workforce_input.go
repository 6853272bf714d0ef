package graph

import "github.com/turbota/turbota/ent/schema/schematype"

// trainingModules copies the modules the API received; nil stays nil (no change).
func trainingModules(in []*schematype.TrainingModule) []schematype.TrainingModule {
	if in == nil {
		return nil
	}
	out := make([]schematype.TrainingModule, 0, len(in))
	for _, m := range in {
		out = append(out, *m)
	}
	return out
}

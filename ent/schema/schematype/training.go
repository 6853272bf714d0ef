package schematype

// TrainingModule is one module of a training programme.
type TrainingModule struct {
	Topic    string   `json:"topic"`
	Hours    float64  `json:"hours"`
	Trainers []string `json:"trainers,omitempty"`
}

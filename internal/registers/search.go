// Package registers finds people in a community's records: fuzzy name search
// and the duplicate warning shown before a child is registered again.
package registers

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// Limits of a search.
const (
	MaxResults     = 100
	minQueryRunes  = 2
	duplicateScore = 0.45 // trigram similarity from which a name counts as "maybe the same"
)

// nameExpr is the indexed expression of the migrations (person_name_trgm).
const nameExpr = "turbota_person_name(last_name, first_name, patronymic)"

// Search returns people of the community whose names resemble text, most
// alike first. It runs through the caller's client, so the privacy rules
// and row-level security decide what may be found at all.
func Search(ctx context.Context, c *ent.Client, community pulid.ID, text string, limit int) ([]*ent.Person, error) {
	text = normalize(text)
	if utf8.RuneCountInString(text) < minQueryRunes {
		return nil, nil
	}
	return c.Person.Query().
		Where(person.CommunityID(community), similarTo(text)).
		Order(bySimilarity(text)).
		Limit(clamp(limit)).All(ctx)
}

// Duplicate is what is known of a person about to be registered.
type Duplicate struct {
	Community                       pulid.ID
	LastName, FirstName, Patronymic string
	BirthDate                       *time.Time
}

// PossibleDuplicates lists people who may be the one being registered: a
// similar name and the same date of birth, or no date on either side.
func PossibleDuplicates(ctx context.Context, c *ent.Client, d Duplicate) ([]*ent.Person, error) {
	text := normalize(d.LastName + " " + d.FirstName + " " + d.Patronymic)
	if utf8.RuneCountInString(text) < minQueryRunes {
		return nil, nil
	}
	q := c.Person.Query().Where(person.CommunityID(d.Community), similarTo(text), atLeast(text, duplicateScore))
	if d.BirthDate != nil {
		day := d.BirthDate.Truncate(24 * time.Hour)
		q = q.Where(person.Or(person.BirthDateIsNil(), person.BirthDateEQ(day)))
	}
	return q.Order(bySimilarity(text)).Limit(10).All(ctx)
}

func normalize(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func clamp(n int) int {
	if n <= 0 || n > MaxResults {
		return MaxResults
	}
	return n
}

// similarTo uses pg_trgm's % operator, which the trigram index serves.
func similarTo(text string) predicate.Person {
	return predicate.Person(func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) { b.WriteString(nameExpr + " % ").Arg(text) }))
	})
}

func atLeast(text string, score float64) predicate.Person {
	return predicate.Person(func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString("similarity(" + nameExpr + ", ").Arg(text).WriteString(") >= ").Arg(score)
		}))
	})
}

func bySimilarity(text string) person.OrderOption {
	return func(s *sql.Selector) {
		s.OrderExpr(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("similarity(" + nameExpr + ", ").Arg(text).WriteString(") DESC")
		}))
	}
}

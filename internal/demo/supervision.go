package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/supervisionsession"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/supervision"
)

// demoSupervision gives the demo community's journal three sessions
// (seeds 001 and 004: supervision of the centres' specialists, individual
// and group, internal and by an external expert): recorded by the
// centre's head through the supervision steps and their privacy policies,
// with a case discussed by reference and follow-up items, one already
// overdue and one due soon. A second run changes nothing.
func (l *loader) demoSupervision(ctx context.Context) error {
	cm, s, done, err := l.vinnytsiaPart(ctx, "supervision", func(id pulid.ID) (bool, error) {
		return l.c.SupervisionSession.Query().Where(supervisionsession.CommunityID(id)).Exist(ctx)
	})
	if err != nil || done {
		return err
	}
	head, specialist, ssd := s.ids[membership.RolePROVIDER_MANAGER], s.ids[membership.RolePROVIDER_SPECIALIST], s.ids[membership.RoleCHILDREN_SERVICE]
	as := s.ctx(membership.RolePROVIDER_MANAGER)
	discussed, err := l.c.CaseFile.Query().Where(casefile.CommunityID(cm.ID),
		casefile.StatusIn(procedure.StateOpen, procedure.StateUnderReview)).IDs(as)
	if err != nil {
		return fmt.Errorf("demo supervision: cases: %w", err)
	}
	today := l.now.UTC().Truncate(24 * time.Hour)
	day := func(n int) time.Time { return today.AddDate(0, 0, n) }
	sessions := []supervision.Session{
		{Kind: supervisionsession.KindGROUP, Format: supervisionsession.FormatONLINE, HeldOn: day(-24),
			SupervisorKind: supervisionsession.SupervisorKindEXTERNAL, SupervisorName: "Лариса Петрівна Гордієнко",
			SupervisorAffiliation: "Супервізорка програми благодійного фонду з пілотування супервізії в центрах соціальних служб",
			Topic:                 "Робота з сім'ями у кризі; профілактика професійного вигорання",
			Supervisees:           []pulid.ID{specialist, ssd},
			Recommendations:       "Щотижневі короткі обговорення складних випадків у команді; план самодопомоги для кожного фахівця.",
			FollowUps: []supervision.FollowUp{
				{Text: "Запровадити щотижневі командні обговорення складних випадків", Assignee: &head, DueOn: day(-10)},
				{Text: "Скласти особистий план самодопомоги", Assignee: &specialist, DueOn: day(-3)},
			}},
		{Kind: supervisionsession.KindINDIVIDUAL, Format: supervisionsession.FormatIN_PERSON, HeldOn: day(-6),
			SupervisorKind: supervisionsession.SupervisorKindINTERNAL, Supervisor: &head,
			Topic:           "Ведення випадку сім'ї під соціальним супроводом",
			Supervisees:     []pulid.ID{specialist},
			Cases:           first(discussed),
			Recommendations: "Переглянути цілі плану разом із сім'єю; залучити психолога центру.",
			FollowUps: []supervision.FollowUp{
				{Text: "Узгодити з сім'єю оновлені цілі плану", Assignee: &specialist, DueOn: day(2)},
			}},
		{Kind: supervisionsession.KindINDIVIDUAL, Format: supervisionsession.FormatBLENDED, HeldOn: day(-45),
			SupervisorKind: supervisionsession.SupervisorKindINTERNAL, Supervisor: &head,
			Topic:       "Документування дій фахівця на всіх етапах ведення випадку",
			Supervisees: []pulid.ID{specialist}},
	}
	for i, in := range sessions {
		in.Community = cm.ID
		sv, err := supervision.Record(as, l.c, in)
		if err != nil {
			return fmt.Errorf("demo supervision: session %d: %w", i, err)
		}
		if i == 0 { // the team's weekly talks have started
			if _, err := supervision.Complete(as, l.c, sv.ID, "1", day(-12)); err != nil {
				return fmt.Errorf("demo supervision: follow-up: %w", err)
			}
		}
	}
	return nil
}

// first is the first of ids, if any.
func first(ids []pulid.ID) []pulid.ID {
	if len(ids) == 0 {
		return nil
	}
	return ids[:1]
}

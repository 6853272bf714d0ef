package auth

import (
	"context"
	"time"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/notify"
	"github.com/turbota/turbota/internal/platform/clock"
)

// E-mails about a person's own account (notify/security.go) go out after
// the change they tell of has committed, each on its own, so that the
// answer to the request neither waits for the mail server nor, by its
// time, tells whether an e-mail was sent (a reset request for an unknown
// address). A delivery that fails is logged by its kind, never with the
// address or the server's words, which may quote it.

// mailTimeout bounds one delivery.
const mailTimeout = 30 * time.Second

// UseMailer makes the service send security e-mails through m, with links
// to baseURL (the server's public address).
func (s *Service) UseMailer(m notify.Mailer, baseURL string) {
	s.mailer, s.baseURL = m, baseURL
}

// WaitMail waits for the e-mails under way (tests, shutdown).
func (s *Service) WaitMail() { s.mails.Wait() }

// tell e-mails the user of an event on their account.
func (s *Service) tell(ctx context.Context, u *ent.User, e notify.SecurityEvent) {
	subject, body := notify.SecurityMessage(e, clock.Now())
	s.send(ctx, u.Email, string(e), subject, body)
}

func (s *Service) send(ctx context.Context, to, kind, subject, body string) {
	if s.mailer == nil {
		return
	}
	log := zerolog.Ctx(ctx)
	s.mails.Add(1)
	go func() {
		defer s.mails.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), mailTimeout)
		defer cancel()
		if err := s.mailer.Mail(ctx, to, subject, body); err != nil {
			log.Error().Str("mail", kind).Msg("security e-mail not delivered")
		}
	}()
}

// afterCommit runs fn once the request's transaction in ctx has committed
// (never if it rolls back), or at once when ctx holds none (the operator's
// command line works without one). What fn does is the system's follow-up
// of a change already made: it cannot undo the change, so it logs its own
// failures.
func afterCommit(ctx context.Context, fn func(context.Context)) {
	tx := ent.TxFromContext(ctx)
	if tx == nil {
		fn(ctx)
		return
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(c context.Context, tx *ent.Tx) error {
			if err := next.Commit(c, tx); err != nil {
				return err
			}
			fn(context.WithoutCancel(ctx))
			return nil
		})
	})
}

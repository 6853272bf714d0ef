package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/rs/zerolog"
	"github.com/wneessen/go-mail"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/internal/platform/clock"
)

// Mailer sends one e-mail.
type Mailer interface {
	Mail(ctx context.Context, to, subject, body string) error
}

// SMTP is a mail server to deliver notifications through.
type SMTP struct {
	Host, Username, Password, From string
	Port                           int
}

// NewSMTP connects lazily: each delivery round opens its own connection.
func NewSMTP(cfg SMTP) (Mailer, error) {
	opts := []mail.Option{mail.WithPort(cfg.Port), mail.WithTLSPortPolicy(mail.TLSOpportunistic)}
	if cfg.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(cfg.Username), mail.WithPassword(cfg.Password))
	}
	c, err := mail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	return &smtpMailer{c: c, from: cfg.From}, nil
}

type smtpMailer struct {
	c    *mail.Client
	from string
}

func (m *smtpMailer) Mail(ctx context.Context, to, subject, body string) error {
	msg := mail.NewMsg()
	if err := msg.From(m.from); err != nil {
		return err
	}
	if err := msg.To(to); err != nil {
		return err
	}
	msg.Subject(subject)
	msg.SetBodyString(mail.TypeTextPlain, body)
	return m.c.DialAndSendWithContext(ctx, msg)
}

// LogMailer stands in for a mail server in development: it writes that an
// e-mail would go out, without the address or the text.
type LogMailer struct{ Log *zerolog.Logger }

// Mail implements Mailer.
func (m LogMailer) Mail(_ context.Context, _, subject, _ string) error {
	m.Log.Info().Str("subject", subject).Msg("e-mail notification (no SMTP server configured)")
	return nil
}

// Deliver e-mails the notifications not yet sent, at most 100 a round, and
// marks them sent. ctx is a system context.
func Deliver(ctx context.Context, c *ent.Client, m Mailer, baseURL string) (int, error) {
	ns, err := c.Notification.Query().Where(notification.EmailedAtIsNil(),
		notification.CreatedAtGT(clock.Now().Add(-24*time.Hour))).Order(ent.Asc(notification.FieldCreatedAt)).Limit(100).All(ctx)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, n := range ns {
		u, err := c.User.Get(ctx, n.UserID)
		if err != nil {
			return sent, err
		}
		if !u.Disabled {
			subject, body := Message(n, baseURL)
			if err := m.Mail(ctx, u.Email, subject, body); err != nil {
				// The server's answer may quote the address: not for the log.
				return sent, fmt.Errorf("notification %s: the mail server refused it or is unreachable", n.ID)
			}
			sent++
		}
		if err := c.Notification.UpdateOneID(n.ID).SetEmailedAt(clock.Now()).Exec(ctx); err != nil {
			return sent, err
		}
	}
	return sent, nil
}

package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/auth"
)

// The operator's account commands: what a community administrator does in
// the app, for any account (one working for several communities, a
// regional or national one, an administrator's own). The e-mails the app
// sends go out through the mail server given here.

// accountCmds are `user disable`, `user enable`, `user reset-factor` and
// `user send-reset-link`.
func accountCmds() []*cobra.Command {
	type action func(*auth.Service, context.Context, *ent.Client, auth.AccountAction) (*ent.User, error)
	specs := []struct {
		use, short, done string
		do               action
	}{
		{"disable", "Disable an account: it cannot sign in, its sessions and the API tokens it created end", "disabled",
			(*auth.Service).DisableAccount},
		{"enable", "Let a disabled account sign in again", "enabled", (*auth.Service).EnableAccount},
		{"reset-factor", "Reset an account's second factor: it enrols again at the next sign-in", "reset the second factor of",
			(*auth.Service).ResetSecondFactor},
		{"send-reset-link", "E-mail an account a link to set a new password (valid 30 minutes, once)", "sent a reset link to",
			(*auth.Service).SendResetLink},
	}
	cmds := make([]*cobra.Command, len(specs))
	for i, sp := range specs {
		cfg := &config{}
		var email, reason string
		cmd := &cobra.Command{
			Use:   sp.use,
			Short: sp.short,
			RunE: func(cmd *cobra.Command, _ []string) error {
				return withDatabase(cmd, cfg, func(ctx context.Context, d *database) error {
					u, err := d.Client.User.Query().Where(user.Email(auth.NormalizeEmail(email))).Only(ctx)
					if err != nil {
						return fmt.Errorf("no user with email %s", email)
					}
					mailer, err := newMailer(cfg, newLogger(cfg))
					if err != nil {
						return err
					}
					svc := auth.New(d.Client, nil, auth.DefaultConfig())
					svc.UseMailer(mailer, publicBase(cfg, cfg.Addr))
					defer svc.WaitMail()
					if _, err := sp.do(svc, ctx, d.Client, auth.AccountAction{User: u.ID, Reason: reason}); err != nil {
						return err
					}
					fmt.Printf("%s %s\n", sp.done, u.Email)
					return nil
				})
			},
		}
		cfg.bindCommon(cmd)
		cfg.bindMail(cmd)
		cmd.Flags().StringVar(&cfg.Addr, "addr", env("TURBOTA_ADDR", "127.0.0.1:8080"), "the server's address, for links when --public-url is not set (TURBOTA_ADDR)")
		cmd.Flags().StringVar(&email, "email", "", "the account's email (required)")
		cmd.Flags().StringVar(&reason, "reason", "", "why; kept in the audit log (required)")
		_ = cmd.MarkFlagRequired("email")
		_ = cmd.MarkFlagRequired("reason")
		cmds[i] = cmd
	}
	return cmds
}

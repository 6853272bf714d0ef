package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/region"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/tenant"
)

func userCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Create users, grant or revoke their roles, disable and enable accounts, reset their second factor or password"}
	cmd.AddCommand(userCreateCmd(), userGrantCmd(true), userGrantCmd(false), userListCmd())
	cmd.AddCommand(accountCmds()...)
	return cmd
}

// withDatabase runs fn with the migrated database of cfg.
func withDatabase(cmd *cobra.Command, cfg *config, fn func(context.Context, *database) error) error {
	if err := cfg.validate(); err != nil {
		return err
	}
	d, err := openDatabase(cmd.Context(), cfg, newLogger(cfg).Level(4))
	if err != nil {
		return err
	}
	defer d.Close()
	return fn(tenant.SystemContext(cmd.Context()), d)
}

func userCreateCmd() *cobra.Command {
	cfg := &config{}
	var email, name string
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create a user; the password is read from TURBOTA_USER_PASSWORD or standard input",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, cfg, func(ctx context.Context, d *database) error {
				pw, err := readPassword()
				if err != nil {
					return err
				}
				svc := auth.New(d.Client, nil, auth.DefaultConfig())
				u, err := svc.CreateUser(ctx, email, name, pw)
				if err != nil {
					return err
				}
				fmt.Printf("created user %s (%s)\n", u.ID, u.Email)
				return nil
			})
		},
	}
	cfg.bindCommon(cmd)
	cmd.Flags().StringVar(&email, "email", "", "email address (required)")
	cmd.Flags().StringVar(&name, "name", "", "display name (required)")
	_ = cmd.MarkFlagRequired("email")
	_ = cmd.MarkFlagRequired("name")
	return cmd
}

func readPassword() (string, error) {
	if pw := os.Getenv("TURBOTA_USER_PASSWORD"); pw != "" {
		return pw, nil
	}
	fmt.Fprint(os.Stderr, "Password: ")
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// grantArgs name a role in a domain by codifier codes people can look up.
type grantArgs struct {
	email, role, communityCode, regionCode, organization string
}

func userGrantCmd(grant bool) *cobra.Command {
	cfg := &config{}
	a := &grantArgs{}
	use, short := "grant", "Grant a role in a community (--community), a region (--region) or the country (neither)"
	if !grant {
		use, short = "revoke", "Revoke a role"
	}
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, cfg, func(ctx context.Context, d *database) error {
				if grant {
					return a.grant(ctx, d.Client)
				}
				return a.revoke(ctx, d.Client)
			})
		},
	}
	cfg.bindCommon(cmd)
	f := cmd.Flags()
	f.StringVar(&a.email, "email", "", "the user's email (required)")
	f.StringVar(&a.role, "role", "", "role, e.g. CHILDREN_SERVICE (required)")
	f.StringVar(&a.communityCode, "community", "", "KATOTTG code of the community")
	f.StringVar(&a.regionCode, "region", "", "KATOTTG code of the region (regional roles)")
	f.StringVar(&a.organization, "organization", "", "ID of the organization the user works for")
	_ = cmd.MarkFlagRequired("email")
	_ = cmd.MarkFlagRequired("role")
	return cmd
}

func (a *grantArgs) resolve(ctx context.Context, c *ent.Client) (*ent.User, *ent.MembershipCreate, error) {
	if err := membership.RoleValidator(membership.Role(a.role)); err != nil {
		return nil, nil, fmt.Errorf("unknown role %q", a.role)
	}
	u, err := c.User.Query().Where(user.Email(auth.NormalizeEmail(a.email))).Only(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("no user with email %s", a.email)
	}
	m := c.Membership.Create().SetUserID(u.ID).SetRole(membership.Role(a.role))
	switch {
	case a.communityCode != "":
		cm, err := c.Community.Query().Where(community.KatottgCode(a.communityCode)).Only(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("no community with code %s", a.communityCode)
		}
		m.SetCommunityID(cm.ID)
	case a.regionCode != "":
		r, err := c.Region.Query().Where(region.KatottgCode(a.regionCode)).Only(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("no region with code %s", a.regionCode)
		}
		m.SetRegionID(r.ID)
	}
	if a.organization != "" {
		m.SetOrganizationID(pulid.ID(a.organization))
	}
	return u, m, nil
}

func (a *grantArgs) grant(ctx context.Context, c *ent.Client) error {
	u, m, err := a.resolve(ctx, c)
	if err != nil {
		return err
	}
	if _, err := m.Save(ctx); err != nil {
		return fmt.Errorf("grant: %w", err)
	}
	fmt.Printf("granted %s to %s\n", a.role, u.Email)
	return nil
}

func (a *grantArgs) revoke(ctx context.Context, c *ent.Client) error {
	u, m, err := a.resolve(ctx, c)
	if err != nil {
		return err
	}
	ms := m.Mutation()
	q := c.Membership.Delete().Where(membership.UserID(u.ID), membership.RoleEQ(membership.Role(a.role)))
	if id, ok := ms.CommunityID(); ok {
		q = q.Where(membership.CommunityID(id))
	} else {
		q = q.Where(membership.CommunityIDIsNil())
	}
	if id, ok := ms.RegionID(); ok {
		q = q.Where(membership.RegionID(id))
	} else {
		q = q.Where(membership.RegionIDIsNil())
	}
	n, err := q.Exec(ctx)
	if err != nil {
		return fmt.Errorf("revoke: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("%s holds no such role", u.Email)
	}
	fmt.Printf("revoked %s from %s\n", a.role, u.Email)
	return nil
}

func userListCmd() *cobra.Command {
	cfg := &config{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List users and their roles",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, cfg, func(ctx context.Context, d *database) error {
				us, err := d.Client.User.Query().WithMemberships(func(q *ent.MembershipQuery) {
					q.WithCommunity().WithRegion()
				}).Order(ent.Asc(user.FieldEmail)).All(ctx)
				if err != nil {
					return err
				}
				for _, u := range us {
					fmt.Printf("%s\t%s\n", u.Email, u.DisplayName)
					for _, m := range u.Edges.Memberships {
						fmt.Printf("\t%s\t%s\n", m.Role, scopeName(m))
					}
				}
				return nil
			})
		},
	}
	cfg.bindCommon(cmd)
	return cmd
}

func scopeName(m *ent.Membership) string {
	switch {
	case m.Edges.Community != nil:
		return m.Edges.Community.Name + " (" + m.Edges.Community.KatottgCode + ")"
	case m.Edges.Region != nil:
		return m.Edges.Region.Name + " (" + m.Edges.Region.KatottgCode + ")"
	}
	return "Україна"
}

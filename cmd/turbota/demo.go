package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/internal/demo"
)

func demoCmd() *cobra.Command {
	cfg := &config{}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Load the two demo communities with one demo user per role",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := cfg.validate(); err != nil {
				return err
			}
			log := newLogger(cfg)
			d, err := openDatabase(cmd.Context(), cfg, log)
			if err != nil {
				return err
			}
			defer d.Close()
			logins, err := loadDemo(cmd.Context(), d, cfg.DemoPassword, nil)
			if err != nil {
				return err
			}
			fmt.Printf("Demo logins (password %q):\n", demoPassword(cfg.DemoPassword))
			for _, l := range logins {
				fmt.Println(" ", l)
			}
			return nil
		},
	}
	cfg.bindCommon(cmd)
	cmd.Flags().StringVar(&cfg.DemoPassword, "demo-password", env("TURBOTA_DEMO_PASSWORD", ""), "password of the demo users (TURBOTA_DEMO_PASSWORD)")
	return cmd
}

func demoPassword(p string) string {
	if p == "" {
		return demo.DefaultPassword
	}
	return p
}

// loadDemo loads the demo data and, when a server runs, its new grants.
func loadDemo(ctx context.Context, d *database, password string, z *authz.Authorizer) ([]demo.Login, error) {
	logins, err := demo.Load(ctx, d.Client, demoPassword(password))
	if err != nil {
		return nil, fmt.Errorf("load demo data: %w", err)
	}
	if err := demo.LoadRegion(ctx, d.Client); err != nil {
		return nil, fmt.Errorf("load the demo region: %w", err)
	}
	if z != nil {
		return logins, z.Reload(ctx)
	}
	return logins, nil
}

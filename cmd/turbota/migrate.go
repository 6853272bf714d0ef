package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func migrateCmd() *cobra.Command {
	cfg := &config{}
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Apply pending migrations, the territory codifier and the default policy",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := cfg.validate(); err != nil {
				return err
			}
			d, err := openDatabase(cmd.Context(), cfg, newLogger(cfg))
			if err != nil {
				return err
			}
			defer d.Close()
			fmt.Println("database is up to date")
			return nil
		},
	}
	cfg.bindCommon(cmd)
	return cmd
}

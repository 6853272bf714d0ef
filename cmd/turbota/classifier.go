package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/turbota/turbota/internal/reference/classifier"
)

func classifierCmd() *cobra.Command {
	cfg := &config{}
	cmd := &cobra.Command{
		Use:   "classifier-import FILE.csv",
		Short: "Import the official classifier of social services (CSV: code,name_uk,name_en,group)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			return withDatabase(cmd, cfg, func(ctx context.Context, d *database) error {
				created, updated, err := classifier.Import(ctx, d.Client, f)
				if err != nil {
					return err
				}
				fmt.Printf("classifier: %d services added, %d updated\n", created, updated)
				return nil
			})
		},
	}
	cfg.bindCommon(cmd)
	return cmd
}

package main

import (
	"os"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"
)

func rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "turbota",
		Short:         "Турбота: child protection and family support for territorial communities",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(serveCmd(), migrateCmd(), demoCmd(), userCmd(), classifierCmd(), auditCmd())
	return root
}

// newLogger builds the one logger of the process: JSON to stdout, or a
// console format for development.
func newLogger(cfg *config) zerolog.Logger {
	level, err := zerolog.ParseLevel(cfg.LogLevel)
	if err != nil {
		level = zerolog.InfoLevel
	}
	var log zerolog.Logger
	if cfg.LogFormat == "console" {
		log = zerolog.New(zerolog.ConsoleWriter{Out: os.Stdout, TimeFormat: "15:04:05"})
	} else {
		log = zerolog.New(os.Stdout)
	}
	return log.Level(level).With().Timestamp().Logger()
}

package main

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/platform/clock"
)

// checkpointEvery is how often serve signs the heads of the chains that
// grew: what a checkpoint covers can no longer be rewritten unseen, so
// this bounds the tail an intruder in the database could cut unnoticed.
const checkpointEvery = 10 * time.Minute

func auditCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "Verify the audit log's hash chains, sign and export checkpoints, print the checkpoint key"}
	cmd.AddCommand(auditVerifyCmd(), auditCheckpointCmd(), auditExportCmd(), auditPubkeyCmd())
	return cmd
}

// bindAuditKey adds the checkpoint key's setting.
func (c *config) bindAuditKey(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.AuditKeyFile, "audit-key-file", env("TURBOTA_AUDIT_KEY_FILE", ""),
		"file holding the hex Ed25519 seed (32 bytes) that signs audit checkpoints; default: <data-dir>/audit.key, created if missing (TURBOTA_AUDIT_KEY_FILE)")
}

// auditKey is the operator's checkpoint key: the configured file, or one
// made and kept in the data dir (the embedded and demo mode).
func auditKey(cfg *config) (ed25519.PrivateKey, error) {
	path := cfg.AuditKeyFile
	if path == "" {
		if cfg.DataDir == "" {
			return nil, fmt.Errorf("set --audit-key-file (TURBOTA_AUDIT_KEY_FILE) when no data dir is used")
		}
		if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
			return nil, err
		}
		path = filepath.Join(cfg.DataDir, "audit.key")
	}
	seed, err := secret.LoadOrCreateKey(path)
	if err != nil {
		return nil, fmt.Errorf("audit checkpoint key %s: %w", path, err)
	}
	return audit.SigningKey(seed)
}

// startCheckpoints signs the grown chains' heads now and every
// checkpointEvery, on the jobs' pool (the owner's: the app role has no
// rights on the chains).
func startCheckpoints(ctx context.Context, d *database, key ed25519.PrivateKey, log zerolog.Logger) {
	go every(ctx, checkpointEvery, func(ctx context.Context) {
		if n, err := audit.MakeCheckpoints(ctx, d.JobsDB, key, clock.Now()); err != nil {
			log.Error().Str("error", err.Error()).Msg("audit checkpoints")
		} else if n > 0 {
			log.Info().Int("checkpoints", n).Msg("audit checkpoints")
		}
	})
}

func auditPubkeyCmd() *cobra.Command {
	cfg := &config{}
	cmd := &cobra.Command{
		Use:   "pubkey",
		Short: "Print the public key that verifies the audit checkpoints (hex), for whoever holds the exported checkpoints",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := cfg.validate(); err != nil {
				return err
			}
			key, err := auditKey(cfg)
			if err != nil {
				return err
			}
			pub := key.Public().(ed25519.PublicKey)
			fmt.Fprintf(cmd.OutOrStdout(), "%s\nkey id %s\n", hex.EncodeToString(pub), audit.KeyID(pub))
			return nil
		},
	}
	cfg.bindCommon(cmd)
	cfg.bindAuditKey(cmd)
	return cmd
}

func auditCheckpointCmd() *cobra.Command {
	cfg := &config{}
	cmd := &cobra.Command{
		Use:   "checkpoint",
		Short: "Sign the head of every chain that grew since its last checkpoint, now",
		RunE: func(cmd *cobra.Command, _ []string) error {
			key, err := auditKey(cfg)
			if err != nil {
				return err
			}
			return withDatabase(cmd, cfg, func(ctx context.Context, d *database) error {
				n, err := audit.MakeCheckpoints(ctx, d.JobsDB, key, clock.Now())
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "%d checkpoints signed\n", n)
				}
				return err
			})
		},
	}
	cfg.bindCommon(cmd)
	cfg.bindAuditKey(cmd)
	return cmd
}

func auditExportCmd() *cobra.Command {
	cfg := &config{}
	var community string
	cmd := &cobra.Command{
		Use:   "checkpoints",
		Short: "Export the signed checkpoints as JSON lines on standard output, for an outside party to hold (verify --checkpoints reads them back)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, cfg, func(ctx context.Context, d *database) error {
				out := bufio.NewWriter(cmd.OutOrStdout())
				enc := json.NewEncoder(out)
				if err := audit.ExportCheckpoints(ctx, d.JobsDB, communityFlag(cmd, community), func(c audit.Checkpoint) error { return enc.Encode(c) }); err != nil {
					return err
				}
				return out.Flush()
			})
		},
	}
	cfg.bindCommon(cmd)
	cmd.Flags().StringVar(&community, "community", "", "only this community's chain (its ID; \"\" with the flag given: the global chain)")
	return cmd
}

func auditVerifyCmd() *cobra.Command {
	cfg := &config{}
	var community, pubkey, held string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Walk the audit log's hash chains and checkpoints; report every altered, removed, inserted or reordered line and exit 1 if any",
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts := audit.VerifyOptions{Community: communityFlag(cmd, community)}
			var err error
			if opts.Key, err = verifyKey(cfg, pubkey); err != nil {
				return err
			}
			if held != "" {
				if opts.Held, err = readCheckpoints(held); err != nil {
					return err
				}
			}
			var report *audit.Report
			err = withDatabase(cmd, cfg, func(ctx context.Context, d *database) error {
				d.JobsDB.SetMaxOpenConns(2) // the walk streams on one, checkpoints come on the other
				report, err = audit.Verify(ctx, d.JobsDB, opts)
				return err
			})
			if err != nil {
				return err
			}
			printReport(cmd.OutOrStdout(), report)
			if !report.OK() {
				return errTampered
			}
			return nil
		},
	}
	cfg.bindCommon(cmd)
	cfg.bindAuditKey(cmd)
	f := cmd.Flags()
	f.StringVar(&community, "community", "", "only this community's chain (its ID; \"\" with the flag given: the global chain)")
	f.StringVar(&pubkey, "pubkey", "", "hex public key the checkpoints must be signed with (default: the one of --audit-key-file)")
	f.StringVar(&held, "checkpoints", "", "JSON-lines file of checkpoints exported before (turbota audit checkpoints), checked with the database's")
	return cmd
}

// errTampered makes verify exit non-zero after its report.
var errTampered = fmt.Errorf("the audit log does not verify")

func communityFlag(cmd *cobra.Command, v string) *string {
	if !cmd.Flags().Changed("community") {
		return nil
	}
	return &v
}

func verifyKey(cfg *config, pubkey string) (ed25519.PublicKey, error) {
	if pubkey != "" {
		b, err := hex.DecodeString(pubkey)
		if err != nil || len(b) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("--pubkey must be %d bytes in hex", ed25519.PublicKeySize)
		}
		return b, nil
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	key, err := auditKey(cfg)
	if err != nil {
		return nil, err
	}
	return key.Public().(ed25519.PublicKey), nil
}

func readCheckpoints(path string) ([]audit.Checkpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cps []audit.Checkpoint
	dec := json.NewDecoder(f)
	for {
		var c audit.Checkpoint
		if err := dec.Decode(&c); err == io.EOF {
			return cps, nil
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		cps = append(cps, c)
	}
}

func printReport(w io.Writer, r *audit.Report) {
	for _, p := range r.Problems {
		fmt.Fprintln(w, p.String())
	}
	if r.More > 0 {
		fmt.Fprintf(w, "… and %d more problems\n", r.More)
	}
	verdict := "OK"
	if !r.OK() {
		verdict = fmt.Sprintf("%d PROBLEMS", int64(len(r.Problems))+r.More)
	}
	fmt.Fprintf(w, "%s: %d lines in %d chains, %d checkpoints checked in %s\n", verdict, r.Lines, r.Chains, r.Checkpoints, r.Took.Round(time.Millisecond))
}

package tenant

import (
	"context"
	"fmt"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// AppRole is the PostgreSQL role requests run as: it owns no table and has
// no BYPASSRLS, so the row-level security policies always apply to it.
const AppRole = "turbota_app"

// Settings read by the row-level security policies (see the migrations).
const (
	settingRead  = "turbota.read_communities"
	settingWrite = "turbota.write_communities"
	settingUser  = "turbota.user_id"
)

// Begin opens the transaction a request runs in: it drops to the
// application role and hands PostgreSQL the viewer's communities. Both are
// transaction-local (SET LOCAL, set_config(..., true)), so nothing leaks to
// the next user of the pooled connection.
func Begin(ctx context.Context, client *ent.Client, v *Viewer) (*ent.Tx, error) {
	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin request transaction: %w", err)
	}
	var read, write []pulid.ID
	var user pulid.ID
	if v != nil {
		read, write, user = v.ReadCommunities(), v.WriteCommunities(), v.UserID
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL ROLE "+AppRole); err != nil {
		_ = tx.Rollback()
		return nil, fmt.Errorf("drop to the application role: %w", err)
	}
	_, err = tx.ExecContext(ctx, "SELECT set_config($1, $2, true), set_config($3, $4, true), set_config($5, $6, true)",
		settingRead, join(read), settingWrite, join(write), settingUser, string(user))
	if err != nil {
		_ = tx.Rollback()
		return nil, fmt.Errorf("set the viewer's communities: %w", err)
	}
	return tx, nil
}

func join(ids []pulid.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ",")
}

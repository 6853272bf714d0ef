// Package secret holds Turbota's credential primitives: password hashing,
// opaque tokens, TOTP, recovery codes, CSRF tokens and encryption of secrets
// at rest.
//
// Everything here is pure (no database, no HTTP) so it can be reviewed and
// tested in isolation; callers own storage, rate limiting and audit logging.
package secret

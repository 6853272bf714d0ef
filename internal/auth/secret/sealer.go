package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeySize is the AES-256 key length in bytes.
const KeySize = 32

// ErrSealed is returned by Open for any malformed or tampered ciphertext;
// the reason is not distinguished, to give an attacker no oracle.
var ErrSealed = errors.New("secret: cannot open sealed value")

// Sealer encrypts small secrets (TOTP keys) at rest so a database dump alone
// does not let an attacker mint second-factor codes.
//
// That only holds if the key lives apart from the database: it comes from
// configuration (TURBOTA_SECRET_KEY, 64 hex chars, parsed by KeyFromHex) or,
// when that is unset, from a key file generated once in the data dir
// (LoadOrCreateKey). It is never stored in the database itself. Losing the
// key makes every sealed value unreadable (users must re-enrol TOTP), so it
// is backed up separately from database backups.
type Sealer struct {
	aead cipher.AEAD
}

// NewSealer returns an AES-256-GCM sealer for a 32-byte key.
func NewSealer(key []byte) (*Sealer, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secret: sealer key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	// Random 96-bit nonces, prepended by the library: safe for far more
	// values than we will ever seal under one key, and no nonce bookkeeping.
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// Seal encrypts plaintext and returns base64url(nonce || ciphertext || tag).
func (s *Sealer) Seal(plaintext []byte) (string, error) {
	ct := s.aead.Seal(nil, nil, plaintext, nil)
	return base64.RawURLEncoding.EncodeToString(ct), nil
}

// Open reverses Seal and fails with ErrSealed if the value was altered or
// sealed under another key.
func (s *Sealer) Open(sealed string) ([]byte, error) {
	ct, err := base64.RawURLEncoding.DecodeString(sealed)
	if err != nil {
		return nil, ErrSealed
	}
	pt, err := s.aead.Open(nil, nil, ct, nil)
	if err != nil {
		return nil, ErrSealed
	}
	return pt, nil
}

// KeyFromHex decodes a hex key (surrounding whitespace ignored) and checks
// its length.
func KeyFromHex(s string) ([]byte, error) {
	key, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("secret: key is not hex: %w", err)
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("secret: key must be %d bytes, got %d", KeySize, len(key))
	}
	return key, nil
}

// LoadOrCreateKey reads a hex key from path, or creates one there (mode 0600)
// if the file does not exist. Losing this file makes every sealed value
// unreadable, so it must be backed up apart from the database.
func LoadOrCreateKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err == nil {
		return KeyFromHex(string(data))
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := createKeyFile(path); err != nil {
		return nil, err
	}
	// Re-read: if another process won the race, its key is the one to use.
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return KeyFromHex(string(data))
}

// createKeyFile writes a new key to a temp file and hard-links it into place:
// the link is atomic and never overwrites, so concurrent starters cannot see
// a half-written file nor replace each other's key.
func createKeyFile(path string) error {
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".key-*") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := writeAndSync(tmp, hex.EncodeToString(key)+"\n"); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

func writeAndSync(f *os.File, s string) error {
	_, err := f.WriteString(s)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

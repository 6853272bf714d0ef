package embeddedpg

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// InstallHint tells a person how to get PostgreSQL.
func InstallHint() string {
	return "install the Debian package postgresql: apt-get install -y postgresql"
}

// findBinDir locates initdb and postgres: the explicit directory, then
// TURBOTA_PG_BIN, then PATH, then the newest /usr/lib/postgresql/*/bin,
// which is where Debian puts them (not on PATH).
func findBinDir(explicit string) (string, error) {
	for _, dir := range []string{explicit, os.Getenv("TURBOTA_PG_BIN")} {
		if dir != "" {
			if hasServer(dir) {
				return dir, nil
			}
			return "", fmt.Errorf("no initdb and postgres in %s: %s", dir, InstallHint())
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if dir := filepath.Dir(resolve(p)); hasServer(dir) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, dir := range dirs {
		if hasServer(dir) {
			return dir, nil
		}
	}
	return "", fmt.Errorf("PostgreSQL server binaries not found: %s", InstallHint())
}

func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func hasServer(dir string) bool {
	for _, b := range []string{"initdb", "postgres"} {
		if st, err := os.Stat(filepath.Join(dir, b)); err != nil || st.IsDir() {
			return false
		}
	}
	return true
}

func version(binDir string) int {
	v, _ := strconv.Atoi(strings.Split(filepath.Base(filepath.Dir(binDir)), ".")[0])
	return v
}

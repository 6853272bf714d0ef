package embeddedpg

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// account is who runs the server. PostgreSQL refuses to run as root, so
// root hands the cluster to the unprivileged postgres (or nobody) user.
type account struct {
	uid, gid uint32
	name     string
	switched bool
}

func serverAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return &account{uid: uint32(os.Geteuid()), gid: uint32(os.Getegid())}, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return &account{uid: uint32(uid), gid: uint32(gid), name: name, switched: true}, nil
	}
	return nil, fmt.Errorf("running as root and no unprivileged user (postgres or nobody) to run PostgreSQL as")
}

func (c *Cluster) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(c.opts.BinDir, name), args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	if c.owner.switched {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: c.owner.uid, Gid: c.owner.gid}
		cmd.Env = append(os.Environ(), "HOME="+c.opts.DataDir)
	}
	cmd.Dir = c.opts.DataDir
	return cmd
}

func (a *account) chown(path string) error {
	if !a.switched {
		return nil
	}
	return os.Chown(path, int(a.uid), int(a.gid))
}

// canReach checks that the server's user can get to the data directory:
// every parent must be searchable by it. We say so rather than loosen the
// permissions of someone's home directory behind their back.
func (a *account) canReach(dir string) error {
	if !a.switched {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	for p := filepath.Dir(abs); ; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !a.canSearch(st) {
			return fmt.Errorf("the %s user, which runs the embedded PostgreSQL when Turbota runs as root, cannot enter %s: "+
				"choose a data dir it can reach (e.g. --data-dir /var/lib/turbota) or allow it with chmod o+x %s", a.name, p, p)
		}
		if p == "/" {
			return nil
		}
	}
}

// canSearch applies the kernel's rule: the owner bits if it owns the
// directory, else the group bits if it is in the group, else the others'.
// The server runs without supplementary groups, so only its own gid counts.
func (a *account) canSearch(st os.FileInfo) bool {
	perm := st.Mode().Perm()
	sys, ok := st.Sys().(*syscall.Stat_t)
	switch {
	case !ok:
		return perm&0o001 != 0
	case sys.Uid == a.uid:
		return perm&0o100 != 0
	case sys.Gid == a.gid:
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

package embeddedpg

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"time"
)

const (
	readyTimeout = 30 * time.Second
	stopTimeout  = 30 * time.Second
)

func (c *Cluster) start(ctx context.Context) error {
	removeStalePID(c.pgdata())
	logFile, err := os.OpenFile(c.logPath(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close()
	if err := c.owner.chown(c.logPath()); err != nil {
		return err
	}
	// The server outlives the ctx of Start: only Stop ends it.
	cmd := c.command(context.WithoutCancel(ctx), "postgres", c.serverArgs()...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Die with us (SIGINT is the fast shutdown), and keep a terminal's
	// Ctrl-C for us to handle: we stop the server cleanly ourselves.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGINT
	cmd.SysProcAttr.Setpgid = true
	done, exited := make(chan error, 1), make(chan struct{})
	started := make(chan error, 1)
	go func() {
		runPinned(cmd, started, done)
		close(exited)
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	c.mu.Lock()
	c.cmd, c.done, c.exited = cmd, done, exited
	c.mu.Unlock()
	return c.waitReady(ctx)
}

// runPinned starts and reaps cmd on one locked OS thread. The kernel sends
// Pdeathsig when the thread that forked the child ends, not the process
// (go.dev/issue/27505), and the Go runtime may end threads whenever a locked
// goroutine exits; keeping the forking thread busy until the child exits
// makes the signal mean "Turbota died". There is no UnlockOSThread: the
// runtime then discards the thread on return, harmless once the child is
// gone.
func runPinned(cmd *exec.Cmd, started, done chan<- error) {
	runtime.LockOSThread()
	if err := cmd.Start(); err != nil {
		started <- err
		return
	}
	started <- nil
	done <- cmd.Wait()
}

func (c *Cluster) serverArgs() []string {
	args := []string{"-D", c.pgdata(), "-k", c.sockDir, "-p", fmt.Sprint(port),
		"-c", "listen_addresses=", "-c", "max_connections=200", "-c", "unix_socket_permissions=0700"}
	if c.opts.Ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off",
			"-c", "full_page_writes=off", "-c", "shared_buffers=32MB")
	}
	return args
}

// waitReady polls until the server accepts connections: the socket file
// appears before recovery ends, so only a real login proves readiness.
func (c *Cluster) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(readyTimeout)
	for {
		err := c.ping(ctx)
		if err == nil {
			return nil
		}
		select {
		case werr := <-c.done:
			c.done <- werr // Stop waits on it too
			return fmt.Errorf("postgres exited during startup (%v); log %s:\n%s", werr, c.logPath(), c.logTail())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not accept connections within %s (last: %v); log %s:\n%s",
				readyTimeout, err, c.logPath(), c.logTail())
		}
	}
}

func (c *Cluster) ping(ctx context.Context) error {
	db, err := sql.Open("postgres", c.DSN("postgres"))
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}

func (c *Cluster) logTail() string {
	b, _ := os.ReadFile(c.logPath())
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 15 {
		lines = lines[len(lines)-15:]
	}
	return strings.Join(lines, "\n")
}

// Stop shuts the server down in fast mode (sessions end, committed data is
// safe) and waits for it. Calling it again does nothing.
func (c *Cluster) Stop() error {
	defer c.removeSockDir()
	c.mu.Lock()
	cmd, done := c.cmd, c.done
	c.cmd, c.stopping = nil, true
	c.mu.Unlock()
	if cmd == nil {
		return nil
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-done:
		return nil
	case <-time.After(stopTimeout):
		_ = cmd.Process.Kill()
		<-done
		return fmt.Errorf("postgres did not shut down within %s and was killed; log %s", stopTimeout, c.logPath())
	}
}

package server_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cpuMeter reads the CPU time spent by Turbota's process, by this one (the
// raw handler and the load generator), by the test cluster's PostgreSQL
// processes and by PostGraphile, so that a server's cost per request can
// be told apart from how busy the machine is: on a shared machine
// latencies stretch with other work, CPU per request much less.
type cpuMeter struct {
	postmaster int
	node       int // PostGraphile's process, 0 when none
	server     int // Turbota's process, 0 when none
}

// clockTick is Linux's USER_HZ, the unit of /proc/*/stat times.
const clockTick = 10 * time.Millisecond

func newCPUMeter(db *sql.DB) *cpuMeter {
	var backend int
	if err := db.QueryRow(`SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		return &cpuMeter{}
	}
	ppid, _, _ := procStat(backend)
	return &cpuMeter{postmaster: ppid}
}

// cpuSample is the CPU time used so far by each part.
type cpuSample struct {
	self, postgres, node, server time.Duration
}

func (m *cpuMeter) read() cpuSample {
	var s cpuSample
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		s.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if m.node != 0 {
		_, s.node, _ = procStat(m.node)
	}
	if m.server != 0 {
		_, s.server, _ = procStat(m.server)
	}
	if m.postmaster == 0 {
		return s
	}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		pid, err := strconv.Atoi(filepath.Base(d))
		if err != nil {
			continue
		}
		if ppid, cpu, ok := procStat(pid); ok && (ppid == m.postmaster || pid == m.postmaster) {
			s.postgres += cpu
		}
	}
	return s
}

func (a cpuSample) sub(b cpuSample) cpuSample {
	return cpuSample{self: a.self - b.self, postgres: a.postgres - b.postgres, node: a.node - b.node, server: a.server - b.server}
}

func (a cpuSample) total() time.Duration { return a.self + a.postgres + a.node + a.server }

// procStat reads a process's parent and CPU time (user + system) from
// /proc/PID/stat; the command name may hold spaces, so fields are counted
// after its closing parenthesis.
func procStat(pid int) (ppid int, cpu time.Duration, ok bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, 0, false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, 0, false
	}
	f := strings.Fields(s[i+1:]) // f[0] is the state, f[1] the parent, f[11] utime, f[12] stime
	if len(f) < 13 {
		return 0, 0, false
	}
	ppid, _ = strconv.Atoi(f[1])
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return ppid, time.Duration(ut+st) * clockTick, true
}

package server

import (
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// DefaultMemoryBudget is the resident memory a serving process keeps
// within unless told otherwise (issue 11: under 200 MiB throughout).
const DefaultMemoryBudget = 200 << 20

// gcPercent: see TuneGC.
const gcPercent = 200

// Of the budget, what the runtime may not take for itself: the binary's
// code and read-only data are mapped from its file and resident besides
// the runtime's memory, which alone the soft limit counts. What is
// resident of the file when the server starts grows as code first runs;
// codeGrowth is that margin, and minimumLimit a floor so that a small
// budget still leaves the heap room to work.
const (
	codeGrowth   = 32 << 20
	minimumLimit = 64 << 20
)

// TuneGC sets the garbage collector as a serving process wants it, unless
// the environment sets GOGC or GOMEMLIMIT itself, and returns the soft
// limit it set (0: none).
//
// Nearly all a request allocates (the executor's field contexts, rows
// scanned, the answer's JSON) is garbage once the answer is written, and
// the live heap stays small; at Go's default the collector ran on every
// doubling of it and took an eighth of the CPU under load (a case list of
// 50 allocates over a megabyte). Collecting at three times the live heap
// halves the collections. The soft limit keeps the whole process within
// budget bytes of resident memory: near it the collector works harder
// rather than grow the heap.
func TuneGC(budget int64) int64 {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") != "" || budget <= 0 {
		return 0
	}
	limit := max(budget-residentOfFile()-codeGrowth, minimumLimit)
	debug.SetMemoryLimit(limit)
	return limit
}

// residentOfFile is how much of the process's memory mapped from files
// (its binary) is resident: RssFile of /proc/self/status, 0 where there
// is none.
func residentOfFile() int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "RssFile:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

package server

import (
	"os"
	"runtime/debug"
)

// GC percent and soft memory limit of a serving process (TuneGC).
const (
	gcPercent   = 200
	memoryLimit = 180 << 20
)

// TuneGC sets the garbage collector as a serving process wants it, unless
// the environment sets GOGC or GOMEMLIMIT itself.
//
// Nearly all a request allocates (the executor's field contexts, rows
// scanned, the answer's JSON) is garbage once the answer is written, and
// the live heap stays small; at Go's default the collector ran on every
// doubling of it and took an eighth of the CPU under load (a case list of
// 50 allocates over a megabyte). Collecting at three times the live heap
// halves the collections. The soft limit keeps the process within its memory budget
// (200 MiB): near it the collector works harder rather than grow the heap.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

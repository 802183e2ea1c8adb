package bench

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process has used, user and system, on every
// thread: the garbage collector's background work included.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs op under b.Loop and reports, beside the wall-clock ns/op, the
// process's CPU time per op as cpu-ns/op. On a shared machine the wall clock
// also counts the time the benchmark waited for a core; CPU time does not, so
// its ratios drift less with the neighbours' load.
func loop(b *testing.B, op func()) {
	b.ReportAllocs()
	start := cpuTime(b)
	for b.Loop() {
		op()
	}
	b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
}

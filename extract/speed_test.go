package extract

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// TestSpeedCPU prints extraction speed over the dev texts in MB per
// CPU-second of this process, which a busy machine does not distort
// (development aid: set SPEED=1).
func TestSpeedCPU(t *testing.T) {
	if os.Getenv("SPEED") == "" {
		t.Skip("set SPEED=1 to measure")
	}
	texts := devTexts(t)
	x := New()
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	cpu := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	c0, w0 := cpu(), time.Now()
	rounds := 20
	for range rounds {
		for _, s := range texts {
			x.Extract(Input{Text: s, Published: "2020-01-01"})
		}
	}
	c, w := cpu()-c0, time.Since(w0)
	mb := float64(n*rounds) / 1e6
	t.Logf("%.2f MB in %v CPU (%.2f MB/CPU-s), %v wall (%.2f MB/s)", mb, c, mb/c.Seconds(), w, mb/w.Seconds())
}

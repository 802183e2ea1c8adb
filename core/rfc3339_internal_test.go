package core

import (
	"math"
	"testing"
	"time"
)

func TestRFC3339(t *testing.T) {
	for _, ts := range []int64{0, -1, 1, 1477314187, 1746064800, 253402300799, 253402300800, -62135596800,
		-62135596801, -62198755200, -99999999999, 1 << 40, -(1 << 40), math.MaxInt64 / 2, math.MinInt64 / 2,
		math.MaxInt64, math.MinInt64} {
		tm := time.Unix(ts, 0)
		if got, want := rfc3339(tm), tm.UTC().Format(time.RFC3339); got != want {
			t.Errorf("%d: %q, want %q", ts, got, want)
		}
	}
}

func FuzzRFC3339(f *testing.F) {
	f.Add(int64(1477314187))
	f.Add(int64(math.MinInt64))
	f.Fuzz(func(t *testing.T, ts int64) {
		tm := time.Unix(ts, 0)
		if got, want := rfc3339(tm), tm.UTC().Format(time.RFC3339); got != want {
			t.Fatalf("%d: %q, want %q", ts, got, want)
		}
	})
}

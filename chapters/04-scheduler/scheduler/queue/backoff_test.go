package queue

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestBackoffDurationDoublesFromOneSecondUpToTen proves the retry rhythm
// of a failing pod: 1s, 2s, 4s, 8s, then 10s for ever. Waiting less keeps
// a core busy with pods that fit nowhere; waiting more delays a pod whose
// bind failed by chance. Attempt 100 checks that the doubling stops at the
// cap instead of overflowing time.Duration (2^63 ns is about 292 years,
// reached after about 34 doublings of 1s).
func TestBackoffDurationDoublesFromOneSecondUpToTen(t *testing.T) {
	cases := []struct {
		attempts int
		want     time.Duration
	}{
		{1, 1 * time.Second},
		{2, 2 * time.Second},
		{3, 4 * time.Second},
		{4, 8 * time.Second},
		{5, 10 * time.Second},
		{6, 10 * time.Second},
		{40, 10 * time.Second},
		{100, 10 * time.Second},
	}
	for _, c := range cases {
		got := backoffDuration(c.attempts)
		assert.Equal(t, c.want, got, "after %d failed attempts a pod should wait %v, not %v", c.attempts, c.want, got)
	}
}

// This file teaches why a client waits longer after each failure: when the
// apiserver is down, a thousand informers retrying in a tight loop would
// keep it down. It mirrors the reflector's backoff in client-go (800ms
// doubling to 30s).

package cache

import (
	"context"
	"time"

	"k8s.io/utils/clock"
)

// Backoff durations used by the reflector.
const (
	initialBackoff = 800 * time.Millisecond
	maxBackoff     = 30 * time.Second
)

// backoff is an exponential delay on an injected clock. Not safe for
// concurrent use: the reflector's Run loop owns it.
type backoff struct {
	clock   clock.Clock
	initial time.Duration
	max     time.Duration
	next    time.Duration
}

func newBackoff(clk clock.Clock, initial, max time.Duration) *backoff {
	return &backoff{clock: clk, initial: initial, max: max, next: initial}
}

// Wait sleeps for the current delay, then doubles it for next time. It
// returns early with ctx's error when ctx is done.
func (b *backoff) Wait(ctx context.Context) error {
	d := b.next
	b.next = min(2*b.next, b.max)
	t := b.clock.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C():
		return nil
	}
}

// Reset starts the delays again from the initial one, after a success.
func (b *backoff) Reset() {
	b.next = b.initial
}

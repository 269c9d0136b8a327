package controller

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/kubeling/kubeling/solutions/client/workqueue"
)

// outcomes is a SyncFunc that returns the given results in turn, then nil,
// recording when each sync started on the bubble's clock.
type outcomes struct {
	mu      sync.Mutex
	results []error
	at      []time.Time
	done    chan struct{} // closed when every result has been returned
}

func newOutcomes(results ...error) *outcomes {
	return &outcomes{results: results, done: make(chan struct{})}
}

func (o *outcomes) sync(context.Context, string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.at = append(o.at, time.Now())
	if len(o.at) > len(o.results) {
		return nil
	}
	if len(o.at) == len(o.results) {
		close(o.done)
	}
	return o.results[len(o.at)-1]
}

// gaps returns the time between each sync and the one before.
func (o *outcomes) gaps() []time.Duration {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []time.Duration
	for i := 1; i < len(o.at); i++ {
		out = append(out, o.at[i].Sub(o.at[i-1]))
	}
	return out
}

// runUntilDone runs a one-worker controller over o from one Enqueue of key
// until o has returned every result, then stops it. Call it inside a
// synctest bubble: the delays pass on the bubble's clock.
func runUntilDone(t *testing.T, o *outcomes, key string) *Controller {
	t.Helper()
	c := New("test", o.sync, Options{Logger: quiet,
		RateLimiter: workqueue.NewItemExponentialFailureRateLimiter[string](time.Second, time.Hour)})
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		assert.NoError(t, c.Run(ctx, 1))
	}()
	c.Enqueue(key)
	select {
	case <-o.done:
	case <-time.After(24 * time.Hour): // on the bubble's clock: no retry came
		t.Errorf("only %d of %d syncs happened", len(o.gaps())+1, len(o.results))
	}
	synctest.Wait() // the last result has been settled
	cancel()
	<-stopped
	return c
}

// TestRequeueAfterForgetsEarlierFailures has a key fail twice, then ask to
// be looked at again in a minute, then fail once more: that failure is the
// first since the key's sync last went well, so it is retried after the
// shortest delay.
//
// hint: a sync that returns RequeueAfter did its work (it only wants to look
// hint: again later), so the key's failures are over: Forget it before
// hint: AddAfter, or its next real failure backs off as if it had never stopped failing.
func TestRequeueAfterForgetsEarlierFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		failed := errors.New("apiserver said no")
		o := newOutcomes(failed, failed, RequeueAfter(time.Minute), failed, nil)
		c := runUntilDone(t, o, "default/a")
		assert.Equal(t, []time.Duration{time.Second, 2 * time.Second, time.Minute, time.Second}, o.gaps(),
			"retries after 1s and 2s, the minute asked for, then 1s: the failures before the RequeueAfter are forgotten")
		assert.Zero(t, c.queue.NumRequeues("default/a"))
	})
}

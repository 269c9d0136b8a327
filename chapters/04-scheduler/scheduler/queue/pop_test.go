package queue

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/utils/clock"
)

// popResult is what a Pop in its own goroutine returned, and when.
type popResult struct {
	pInfo *QueuedPodInfo
	err   error
	at    time.Time
}

// popAsync starts a Pop in a goroutine; its result arrives on the channel.
func popAsync(q *PriorityQueue) <-chan popResult {
	ch := make(chan popResult, 1)
	go func() {
		p, err := q.Pop()
		ch <- popResult{p, err, time.Now()}
	}()
	return ch
}

// returned reports whether a Pop started with popAsync has returned, once
// every goroutine of the bubble is blocked.
func returned(ch <-chan popResult) (popResult, bool) {
	synctest.Wait()
	select {
	case r := <-ch:
		return r, true
	default:
		return popResult{}, false
	}
}

// popWithin waits at most limit (bubble time) for a Pop started with
// popAsync, so that a pod that is never released fails the test instead
// of letting Run's tickers spin until the test binary times out.
func popWithin(t *testing.T, ch <-chan popResult, limit time.Duration, what string) popResult {
	t.Helper()
	select {
	case r := <-ch:
		require.NoError(t, r.err)
		return r
	case <-time.After(limit):
		require.FailNow(t, what+" was never retried", "Pop still blocked after %v", limit)
		return popResult{}
	}
}

// runQueue starts q.Run in the bubble and stops it when the test ends.
func runQueue(t *testing.T, q *PriorityQueue) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { q.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// TestPopBlocksUntilAPodIsAdded proves that the scheduling loop sleeps on
// an empty queue (no busy polling) and wakes as soon as a pod arrives.
func TestPopBlocksUntilAPodIsAdded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := New(clock.RealClock{})
		ch := popAsync(q)
		_, ok := returned(ch)
		require.False(t, ok, "Pop returned on an empty queue; it should wait for a pod")
		q.Add(newPod("web"))
		r, ok := returned(ch)
		require.True(t, ok, "Pop did not wake when a pod was added")
		require.NoError(t, r.err)
		assert.Equal(t, "web", r.pInfo.Pod.Name)
		assert.Equal(t, 1, r.pInfo.Attempts, "a popped pod's attempts should count this attempt")
	})
}

// TestPopWakesWhenBackoffEnds proves, with Run's own ticker, that a pod
// whose bind failed is retried 1 s later: Pop blocks while the pod sits in
// backoffQ and returns once the backoff flush moves it.
func TestPopWakesWhenBackoffEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := New(clock.RealClock{})
		runQueue(t, q)
		q.Add(newPod("web"))
		p, err := q.Pop()
		require.NoError(t, err)
		failedAt := time.Now()
		q.AddBackoff(p)
		ch := popAsync(q)
		time.Sleep(InitialBackoff - time.Millisecond)
		_, ok := returned(ch)
		require.False(t, ok, "Pop returned the failed pod before its 1s backoff ended")
		r := popWithin(t, ch, time.Minute, "a pod that failed once")
		waited := r.at.Sub(failedAt)
		assert.True(t, waited >= InitialBackoff && waited <= InitialBackoff+backoffFlushPeriod,
			"a pod that failed once was retried after %v; want its 1s backoff plus at most one 1s flush period", waited)
	})
}

// TestRunRetriesUnschedulablePodAfterFiveMinutes proves, with Run's own
// tickers, that a pod that fits nowhere costs one attempt per 5 minutes
// while the cluster does not change: Pop stays blocked for 5 minutes,
// then returns within the 30 s period of the leftover flush.
func TestRunRetriesUnschedulablePodAfterFiveMinutes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := New(clock.RealClock{})
		runQueue(t, q)
		q.Add(newPod("big"))
		p, err := q.Pop()
		require.NoError(t, err)
		failedAt := time.Now()
		q.AddUnschedulable(p)
		ch := popAsync(q)
		time.Sleep(MaxInUnschedulable - time.Second)
		_, ok := returned(ch)
		require.False(t, ok, "an unschedulable pod was retried before 5 minutes with no cluster event")
		r := popWithin(t, ch, time.Hour, "an unschedulable pod")
		waited := r.at.Sub(failedAt)
		assert.True(t, waited >= MaxInUnschedulable && waited <= MaxInUnschedulable+unschedulableFlushPeriod,
			"an unschedulable pod was retried after %v; want 5 minutes plus at most one 30s flush period", waited)
	})
}

// TestCloseUnblocksPop proves that a scheduler can shut down: a Pop waiting
// on an empty queue returns ErrClosed when the queue is closed, and so does
// every later Pop.
func TestCloseUnblocksPop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := New(clock.RealClock{})
		ch := popAsync(q)
		synctest.Wait()
		q.Close()
		r, ok := returned(ch)
		require.True(t, ok, "Pop kept waiting after Close")
		assert.ErrorIs(t, r.err, ErrClosed)
		_, err := q.Pop()
		assert.ErrorIs(t, err, ErrClosed, "Pop on a closed queue should return ErrClosed at once")
	})
}

// TestRunClosesTheQueueWhenItsContextEnds proves that stopping the
// scheduler's context also releases its scheduling loop blocked in Pop.
func TestRunClosesTheQueueWhenItsContextEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := New(clock.RealClock{})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { q.Run(ctx); close(done) }()
		ch := popAsync(q)
		synctest.Wait()
		cancel()
		<-done
		r, ok := returned(ch)
		require.True(t, ok, "Pop kept waiting after Run's context ended")
		assert.ErrorIs(t, r.err, ErrClosed)
	})
}

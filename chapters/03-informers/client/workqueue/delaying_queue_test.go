package workqueue

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	testingclock "k8s.io/utils/clock/testing"
)

// stepWhenWaiting waits until the queue's loop sleeps on the fake clock,
// then moves the clock forward; stepping earlier could race the loop.
func stepWhenWaiting(t *testing.T, clk *testingclock.FakeClock, d time.Duration) {
	t.Helper()
	require.Eventually(t, clk.HasWaiters, 5*time.Second, time.Millisecond, "the wait loop never slept on the clock")
	clk.Step(d)
}

// The tests that check that a key is *not* added yet run in a synctest
// bubble: synctest.Wait returns once the queue's loop is blocked again, so
// the check comes when the loop has done all it was going to do.

func TestAddAfterAddsOnceTheDelayHasPassed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clk := testingclock.NewFakeClock(time.Now())
		q := NewDelayingQueueWithClock[string](clk)
		defer q.ShutDown()

		q.AddAfter("default/a", 10*time.Second)
		stepWhenWaiting(t, clk, 9*time.Second)
		synctest.Wait()
		assert.Zero(t, q.Len(), "added before its time")

		stepWhenWaiting(t, clk, time.Second)
		synctest.Wait()
		assert.Equal(t, 1, q.Len(), "not added when due")
	})
}

func TestAddAfterKeepsTheEarlierTimeOfAKeyAddedTwice(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clk := testingclock.NewFakeClock(time.Now())
		q := NewDelayingQueueWithClock[string](clk)
		defer q.ShutDown()

		q.AddAfter("a", time.Minute)
		q.AddAfter("a", time.Second) // sooner: moves it earlier
		q.AddAfter("a", time.Hour)   // later: ignored
		stepWhenWaiting(t, clk, time.Second)
		synctest.Wait()
		require.Equal(t, 1, q.Len())

		key, _ := q.Get()
		q.Done(key)
		clk.Step(time.Hour)
		synctest.Wait()
		assert.Zero(t, q.Len(), "one key waiting twice was added twice")
	})
}

func TestAddAfterOrdersKeysByReadyTime(t *testing.T) {
	clk := testingclock.NewFakeClock(time.Now())
	q := NewDelayingQueueWithClock[string](clk)
	defer q.ShutDown()

	q.AddAfter("late", 3*time.Second)
	q.AddAfter("early", time.Second)
	q.AddAfter("now", 0)
	stepWhenWaiting(t, clk, 5*time.Second)
	require.Eventually(t, func() bool { return q.Len() == 3 }, 5*time.Second, time.Millisecond)

	var got []string
	for range 3 {
		k, _ := q.Get()
		got = append(got, k)
	}
	assert.Equal(t, []string{"now", "early", "late"}, got)
}

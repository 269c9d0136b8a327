package workqueue

import (
	"testing"
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

func TestAddAfterAddsOnceTheDelayHasPassed(t *testing.T) {
	clk := testingclock.NewFakeClock(time.Now())
	q := NewDelayingQueueWithClock[string](clk)
	defer q.ShutDown()

	q.AddAfter("default/a", 10*time.Second)
	stepWhenWaiting(t, clk, 9*time.Second)
	assert.Never(t, func() bool { return q.Len() > 0 }, 20*time.Millisecond, time.Millisecond, "added before its time")

	stepWhenWaiting(t, clk, time.Second)
	assert.Eventually(t, func() bool { return q.Len() == 1 }, 5*time.Second, time.Millisecond, "not added when due")
}

func TestAddAfterKeepsTheEarlierTimeOfAKeyAddedTwice(t *testing.T) {
	clk := testingclock.NewFakeClock(time.Now())
	q := NewDelayingQueueWithClock[string](clk)
	defer q.ShutDown()

	q.AddAfter("a", time.Minute)
	q.AddAfter("a", time.Second) // sooner: moves it earlier
	q.AddAfter("a", time.Hour)   // later: ignored
	stepWhenWaiting(t, clk, time.Second)
	require.Eventually(t, func() bool { return q.Len() == 1 }, 5*time.Second, time.Millisecond)

	key, _ := q.Get()
	q.Done(key)
	clk.Step(time.Hour)
	assert.Never(t, func() bool { return q.Len() > 0 }, 20*time.Millisecond, time.Millisecond, "one key waiting twice was added twice")
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

package workqueue

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	testingclock "k8s.io/utils/clock/testing"
)

func TestExponentialBackoffDoublesPerKeyAndIsCapped(t *testing.T) {
	r := NewItemExponentialFailureRateLimiter[string](5*time.Millisecond, time.Second)
	var got []time.Duration
	for range 4 {
		got = append(got, r.When("a"))
	}
	assert.Equal(t, []time.Duration{5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond}, got)
	assert.Equal(t, 5*time.Millisecond, r.When("b"), "keys back off independently")
	assert.Equal(t, 4, r.NumRequeues("a"))

	for range 100 {
		r.When("a")
	}
	assert.Equal(t, time.Second, r.When("a"), "the delay is capped at max, even past int64 overflow")

	r.Forget("a")
	assert.Equal(t, 0, r.NumRequeues("a"))
	assert.Equal(t, 5*time.Millisecond, r.When("a"), "after Forget the backoff starts again")
}

func TestBucketAllowsBurstThenRefillsAtQPS(t *testing.T) {
	clk := testingclock.NewFakePassiveClock(time.Now())
	r := NewBucketRateLimiter[string](10, 3, clk)
	for i := range 3 {
		assert.Zero(t, r.When("k"), "token %d of the burst", i)
	}
	assert.Equal(t, 100*time.Millisecond, r.When("k"), "the 4th waits one refill at 10 qps")
	assert.Equal(t, 200*time.Millisecond, r.When("k"), "the 5th waits behind the 4th")

	clk.SetTime(clk.Now().Add(time.Second)) // refills 10, but the two promised tokens are paid first
	assert.Zero(t, r.When("k"))
}

func TestDefaultControllerRateLimiterTakesTheSlowerAnswer(t *testing.T) {
	clk := testingclock.NewFakePassiveClock(time.Now())
	r := DefaultControllerRateLimiter[string](clk)
	assert.Equal(t, 5*time.Millisecond, r.When("a"), "backoff dominates while the bucket has tokens")
	for i := range 99 {
		r.When(string(rune('b' + i)))
	}
	// The bucket (burst 100) is now empty; a fresh key waits for a token
	// (100ms at 10 qps) rather than its 5ms backoff.
	assert.Equal(t, 100*time.Millisecond, r.When("fresh"))
}

func TestAddRateLimitedBacksOffAndForgetResets(t *testing.T) {
	// In a synctest bubble, so that "not queued yet" is checked once the
	// queue's loop is blocked again (synctest.Wait), not after a sleep.
	synctest.Test(t, func(t *testing.T) {
		clk := testingclock.NewFakeClock(time.Now())
		q := NewRateLimitingQueueWithClock[string](NewItemExponentialFailureRateLimiter[string](time.Second, time.Minute), clk)
		defer q.ShutDown()

		q.AddRateLimited("a") // waits 1s
		stepWhenWaiting(t, clk, time.Second)
		synctest.Wait()
		require.Equal(t, 1, q.Len())
		key, _ := q.Get()
		q.Done(key)

		q.AddRateLimited("a") // second failure: waits 2s
		stepWhenWaiting(t, clk, time.Second)
		synctest.Wait()
		assert.Zero(t, q.Len(), "the second retry must wait twice as long")
		stepWhenWaiting(t, clk, time.Second)
		synctest.Wait()
		require.Equal(t, 1, q.Len())
		assert.Equal(t, 2, q.NumRequeues("a"))

		q.Forget("a")
		assert.Equal(t, 0, q.NumRequeues("a"))
	})
}

// This file teaches how a controller backs off: a key that keeps failing is
// retried ever more slowly, and all keys together are held to an overall
// rate. It mirrors the rate limiters in k8s.io/client-go/util/workqueue.

package workqueue

import (
	"math"
	"sync"
	"time"

	"k8s.io/utils/clock"
)

// RateLimiter decides how long a key waits before it is retried. Safe for
// concurrent use.
type RateLimiter[T comparable] interface {
	// When records one more failure of item and returns how long to wait.
	When(item T) time.Duration
	// Forget clears item's failures, after it succeeded.
	Forget(item T)
	// NumRequeues is how many failures of item are recorded.
	NumRequeues(item T) int
}

// DefaultControllerRateLimiter is what controllers use unless they have a
// reason not to: per-key exponential backoff from 5ms to 1000s, and no more
// than 10 retries a second overall (bursts of 100), whichever is slower.
func DefaultControllerRateLimiter[T comparable](clk clock.PassiveClock) RateLimiter[T] {
	return NewMaxOfRateLimiter(
		NewItemExponentialFailureRateLimiter[T](5*time.Millisecond, 1000*time.Second),
		NewBucketRateLimiter[T](10, 100, clk),
	)
}

// ItemExponentialFailureRateLimiter waits base * 2^failures for a key,
// capped at max: 5ms, 10ms, 20ms, ... for the default base.
type ItemExponentialFailureRateLimiter[T comparable] struct {
	base, max time.Duration

	mu       sync.Mutex
	failures map[T]int
}

// NewItemExponentialFailureRateLimiter returns a per-key exponential limiter.
func NewItemExponentialFailureRateLimiter[T comparable](base, max time.Duration) *ItemExponentialFailureRateLimiter[T] {
	return &ItemExponentialFailureRateLimiter[T]{base: base, max: max, failures: map[T]int{}}
}

func (r *ItemExponentialFailureRateLimiter[T]) When(item T) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	exp := r.failures[item]
	r.failures[item] = exp + 1

	// Compute in float64: 2^exp overflows an int64 of nanoseconds after
	// about 30 failures at a 5ms base.
	delay := float64(r.base.Nanoseconds()) * math.Pow(2, float64(exp))
	if delay > float64(r.max.Nanoseconds()) {
		return r.max
	}
	return time.Duration(delay)
}

func (r *ItemExponentialFailureRateLimiter[T]) Forget(item T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.failures, item)
}

func (r *ItemExponentialFailureRateLimiter[T]) NumRequeues(item T) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failures[item]
}

// BucketRateLimiter is a token bucket shared by all keys: it holds up to
// burst tokens, refills at qps tokens a second, and every When takes one.
// When the bucket is empty, When returns how long until the caller's token
// will have been refilled (callers reserve tokens in turn, so the bucket
// may go negative).
type BucketRateLimiter[T comparable] struct {
	qps   float64
	burst float64
	clock clock.PassiveClock

	mu     sync.Mutex
	tokens float64   // may be negative: tokens already promised to waiters
	last   time.Time // when tokens was last brought up to date
}

// NewBucketRateLimiter returns a token bucket that starts full.
func NewBucketRateLimiter[T comparable](qps float64, burst int, clk clock.PassiveClock) *BucketRateLimiter[T] {
	return &BucketRateLimiter[T]{qps: qps, burst: float64(burst), clock: clk, tokens: float64(burst), last: clk.Now()}
}

func (r *BucketRateLimiter[T]) When(T) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.clock.Now()
	r.tokens = math.Min(r.burst, r.tokens+now.Sub(r.last).Seconds()*r.qps)
	r.last = now

	r.tokens--
	if r.tokens >= 0 {
		return 0
	}
	return time.Duration(-r.tokens / r.qps * float64(time.Second))
}

func (r *BucketRateLimiter[T]) Forget(T)          {}
func (r *BucketRateLimiter[T]) NumRequeues(T) int { return 0 }

// MaxOfRateLimiter asks every limiter and waits for the longest answer.
type MaxOfRateLimiter[T comparable] struct {
	limiters []RateLimiter[T]
}

// NewMaxOfRateLimiter combines limiters.
func NewMaxOfRateLimiter[T comparable](limiters ...RateLimiter[T]) *MaxOfRateLimiter[T] {
	return &MaxOfRateLimiter[T]{limiters: limiters}
}

func (r *MaxOfRateLimiter[T]) When(item T) time.Duration {
	var longest time.Duration
	for _, l := range r.limiters {
		longest = max(longest, l.When(item))
	}
	return longest
}

func (r *MaxOfRateLimiter[T]) Forget(item T) {
	for _, l := range r.limiters {
		l.Forget(item)
	}
}

func (r *MaxOfRateLimiter[T]) NumRequeues(item T) int {
	var most int
	for _, l := range r.limiters {
		most = max(most, l.NumRequeues(item))
	}
	return most
}

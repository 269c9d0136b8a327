// This file teaches the queue controllers actually use: a failed key goes
// back in with AddRateLimited and comes out after its backoff; a key that
// succeeded is Forgotten so its next failure starts from the shortest
// delay again. It mirrors client-go's rate-limiting queue.

package workqueue

import "k8s.io/utils/clock"

// RateLimitingQueue is a DelayingQueue whose retry delays come from a
// RateLimiter. Safe for concurrent use.
type RateLimitingQueue[T comparable] struct {
	*DelayingQueue[T]
	limiter RateLimiter[T]
}

// NewRateLimitingQueue returns a rate-limiting queue on the real clock.
func NewRateLimitingQueue[T comparable](limiter RateLimiter[T]) *RateLimitingQueue[T] {
	return NewRateLimitingQueueWithClock(limiter, clock.RealClock{})
}

// NewRateLimitingQueueWithClock returns a rate-limiting queue whose delays
// are measured on clk.
func NewRateLimitingQueueWithClock[T comparable](limiter RateLimiter[T], clk clock.Clock) *RateLimitingQueue[T] {
	return &RateLimitingQueue[T]{DelayingQueue: NewDelayingQueueWithClock[T](clk), limiter: limiter}
}

// AddRateLimited adds item after the delay its limiter asks for, counting
// one more failure.
func (q *RateLimitingQueue[T]) AddRateLimited(item T) {
	q.AddAfter(item, q.limiter.When(item))
}

// Forget clears item's failures: call it when item was processed
// successfully. It does not remove item from the queue.
func (q *RateLimitingQueue[T]) Forget(item T) {
	q.limiter.Forget(item)
}

// NumRequeues is how many times item has failed since it was last
// forgotten.
func (q *RateLimitingQueue[T]) NumRequeues(item T) int {
	return q.limiter.NumRequeues(item)
}

// Package workqueue is the queue between a controller's event handlers and
// its workers. Handlers add keys ("default/nginx"); workers take a key,
// reconcile it and say Done. It mirrors k8s.io/client-go/util/workqueue.
//
// A Queue promises:
//
//   - Deduplication: a key added many times before a worker takes it is
//     handed out once. Ten updates to one Pod cost one sync, not ten.
//   - One worker per key: a key is never handed to a second worker while the
//     first has not called Done. A key added during processing is handed out
//     again after Done, so the change that caused the add is not lost.
//   - Fairness: keys are handed out in the order they were first added.
//   - Shutdown: after ShutDown, Add is ignored and Get returns the keys still
//     queued, then reports shutdown. ShutDownWithDrain also waits until every
//     queued key has been processed and marked Done.
//
// A DelayingQueue adds AddAfter: the key is added once its delay has passed
// (measured on an injected clock, so tests step time instead of sleeping).
// A RateLimitingQueue adds AddRateLimited: the delay comes from a
// RateLimiter, by default per-key exponential backoff (5ms, 10ms, 20ms, ...
// up to 1000s) combined with an overall token bucket (10 per second, bursts
// of 100), so a failing key retries ever more slowly and a storm of failures
// cannot flood the apiserver. Forget resets a key's backoff after a success.
package workqueue

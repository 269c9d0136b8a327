// This file teaches the heart of every controller: a queue that
// deduplicates keys and never lets two workers reconcile the same key at
// once. It mirrors the Type queue in k8s.io/client-go/util/workqueue.
//
// The trick is two sets beside the FIFO slice:
//
//	dirty      keys that need processing (queued, or re-added while a
//	           worker holds them)
//	processing keys a worker holds right now
//
// A key is in the slice only if it is dirty and not being processed, so it
// is in the slice at most once.

package workqueue

import "sync"

// Queue is a deduplicating FIFO of keys. It is safe for concurrent use by
// any number of producers (Add) and workers (Get/Done). Every key returned
// by Get must be handed back with Done, or it will never be handed out again.
type Queue[T comparable] struct {
	mu   sync.Mutex
	cond *sync.Cond // a key was queued, a key was Done while draining, or shutdown

	queue      []T            // keys ready for a worker, in order; each at most once
	dirty      map[T]struct{} // keys that need processing
	processing map[T]struct{} // keys a worker holds

	shuttingDown bool
	drain        bool // ShutDownWithDrain is waiting
}

// NewQueue returns an empty queue.
func NewQueue[T comparable]() *Queue[T] {
	q := &Queue[T]{
		dirty:      map[T]struct{}{},
		processing: map[T]struct{}{},
	}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// Add marks item as needing processing. It is ignored after shutdown.
func (q *Queue[T]) Add(item T) {
	q.mu.Lock()
	defer q.mu.Unlock()
	// TODO(chapter 3): write queue-add.
	// Hint: ignore the add when shutting down or when item is already dirty
	// Hint: (it is queued, or will be requeued by Done). Otherwise mark it
	// Hint: dirty; queue it and Signal the cond unless a worker holds it now.
	panic("TODO(chapter 3): queue-add is not written yet (see chapters/03-informers/README.md)")
}

// Get blocks until a key is ready and hands it to the caller, who then
// holds it until Done. After shutdown it keeps returning the keys still
// queued, then returns shutdown == true.
func (q *Queue[T]) Get() (item T, shutdown bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	// TODO(chapter 3): write queue-get.
	// Hint: Wait on the cond while the queue is empty and not shutting down.
	// Hint: Empty and shutting down means return shutdown=true. Otherwise
	// Hint: take the first key, move it from dirty to processing, return it.
	panic("TODO(chapter 3): queue-get is not written yet (see chapters/03-informers/README.md)")
}

// Done says the worker has finished with item. If item was added again
// while it was being processed, it is queued again now.
func (q *Queue[T]) Done(item T) {
	q.mu.Lock()
	defer q.mu.Unlock()
	// TODO(chapter 3): write queue-done.
	// Hint: remove item from processing. If it was added again meanwhile (it
	// Hint: is dirty), queue it and Signal. While draining, Broadcast instead:
	// Hint: ShutDownWithDrain waits on the same cond and must see progress.
	panic("TODO(chapter 3): queue-done is not written yet (see chapters/03-informers/README.md)")
}

// Len is the number of keys waiting for a worker (not those being
// processed).
func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.queue)
}

// ShutDown makes Add a no-op and wakes every Get; workers finish the keys
// already queued and then see shutdown. It does not wait.
func (q *Queue[T]) ShutDown() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.shuttingDown = true
	q.drain = false // release a ShutDownWithDrain that is waiting
	q.cond.Broadcast()
}

// ShutDownWithDrain is ShutDown, then waits until every queued key has been
// taken and marked Done. It blocks forever if no worker is running, and
// returns early if ShutDown is called meanwhile.
func (q *Queue[T]) ShutDownWithDrain() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.shuttingDown = true
	q.drain = true
	q.cond.Broadcast()
	for q.drain && (len(q.queue) > 0 || len(q.processing) > 0) {
		q.cond.Wait()
	}
}

// ShuttingDown reports whether ShutDown has been called.
func (q *Queue[T]) ShuttingDown() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.shuttingDown
}

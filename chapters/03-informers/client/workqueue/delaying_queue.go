// This file teaches delayed adds: "look at this key again in 30 seconds".
// Controllers use it for retries and for work that is due later (a
// Deployment's progress deadline). It mirrors client-go's delaying queue.
//
// Waiting keys sit in a min-heap ordered by the time they become ready; one
// goroutine sleeps until the earliest is due, or until a new key arrives
// that is due sooner.

package workqueue

import (
	"container/heap"
	"sync"
	"time"

	"k8s.io/utils/clock"
)

// DelayingQueue is a Queue with AddAfter. Its time comes from an injected
// clock. A key waiting to be added is not in the Queue yet; adding it again
// with a shorter delay moves its time earlier, never later. Safe for
// concurrent use.
type DelayingQueue[T comparable] struct {
	*Queue[T]
	clock clock.Clock

	mu      sync.Mutex
	waiting waitHeap[T]         // ordered by readyAt
	entries map[T]*waitEntry[T] // the heap entry of each waiting key

	wake     chan struct{} // buffered(1): a key was added to waiting
	stop     chan struct{} // closed on shutdown
	stopOnce sync.Once
	stopped  chan struct{} // closed when the wait loop has returned
}

// NewDelayingQueue returns a delaying queue on the real clock.
func NewDelayingQueue[T comparable]() *DelayingQueue[T] {
	return NewDelayingQueueWithClock[T](clock.RealClock{})
}

// NewDelayingQueueWithClock returns a delaying queue whose delays are
// measured on clk, and starts its wait loop (stopped by ShutDown).
func NewDelayingQueueWithClock[T comparable](clk clock.Clock) *DelayingQueue[T] {
	q := &DelayingQueue[T]{
		Queue:   NewQueue[T](),
		clock:   clk,
		entries: map[T]*waitEntry[T]{},
		wake:    make(chan struct{}, 1),
		stop:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
	go q.waitLoop()
	return q
}

// AddAfter adds item once delay has passed; a delay <= 0 adds it now.
func (q *DelayingQueue[T]) AddAfter(item T, delay time.Duration) {
	if q.ShuttingDown() {
		return
	}
	if delay <= 0 {
		q.Add(item)
		return
	}
	readyAt := q.clock.Now().Add(delay)

	q.mu.Lock()
	if e, ok := q.entries[item]; ok {
		if readyAt.Before(e.readyAt) {
			e.readyAt = readyAt
			heap.Fix(&q.waiting, e.index)
		}
	} else {
		e := &waitEntry[T]{item: item, readyAt: readyAt}
		heap.Push(&q.waiting, e)
		q.entries[item] = e
	}
	q.mu.Unlock()

	select {
	case q.wake <- struct{}{}:
	default: // the loop already has a wake-up pending
	}
}

// ShutDown stops the wait loop (keys still waiting are dropped) and shuts
// the Queue down.
func (q *DelayingQueue[T]) ShutDown() {
	q.stopWaiting()
	q.Queue.ShutDown()
}

// ShutDownWithDrain stops the wait loop (keys still waiting are dropped)
// and drains the Queue.
func (q *DelayingQueue[T]) ShutDownWithDrain() {
	q.stopWaiting()
	q.Queue.ShutDownWithDrain()
}

func (q *DelayingQueue[T]) stopWaiting() {
	q.stopOnce.Do(func() { close(q.stop) })
	<-q.stopped
}

// waitLoop moves keys whose time has come into the Queue, then sleeps until
// the next one is due or a new key arrives.
func (q *DelayingQueue[T]) waitLoop() {
	defer close(q.stopped)
	for {
		var timer clock.Timer
		var due <-chan time.Time
		if next, ok := q.addReady(); ok {
			timer = q.clock.NewTimer(next.Sub(q.clock.Now()))
			due = timer.C()
		}
		select {
		case <-q.stop:
		case <-due:
		case <-q.wake:
		}
		if timer != nil {
			timer.Stop()
		}
		select {
		case <-q.stop:
			return
		default:
		}
	}
}

// addReady adds every waiting key whose time has come and returns when the
// next one is due (ok is false if none is waiting).
func (q *DelayingQueue[T]) addReady() (next time.Time, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.clock.Now()
	for q.waiting.Len() > 0 {
		e := q.waiting[0]
		if e.readyAt.After(now) {
			return e.readyAt, true
		}
		heap.Pop(&q.waiting)
		delete(q.entries, e.item)
		q.Add(e.item)
	}
	return time.Time{}, false
}

// waitEntry is one key waiting in the heap.
type waitEntry[T comparable] struct {
	item    T
	readyAt time.Time
	index   int // position in the heap, kept by the heap methods
}

// waitHeap implements heap.Interface, earliest readyAt first.
type waitHeap[T comparable] []*waitEntry[T]

func (h waitHeap[T]) Len() int           { return len(h) }
func (h waitHeap[T]) Less(i, j int) bool { return h[i].readyAt.Before(h[j].readyAt) }
func (h waitHeap[T]) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *waitHeap[T]) Push(x any) {
	e := x.(*waitEntry[T])
	e.index = len(*h)
	*h = append(*h, e)
}
func (h *waitHeap[T]) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return e
}

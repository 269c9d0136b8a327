// This file teaches the scheduling queue: where a pod waits, and what
// moves it. New pods go to activeQ; a pod that fits nowhere goes to
// unschedulable until the cluster changes; a pod whose attempt failed for
// another reason (its bind was refused) waits out its backoff in backoffQ.
// It mirrors PriorityQueue in kube-scheduler.

package queue

import (
	"context"
	"errors"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/utils/clock"
)

// Flush periods, kube-scheduler's: backoffQ is checked every second; a pod
// left 5 minutes in unschedulable is retried anyway (checked every 30 s).
const (
	backoffFlushPeriod       = 1 * time.Second
	unschedulableFlushPeriod = 30 * time.Second
	MaxInUnschedulable       = 5 * time.Minute
)

// ErrClosed is what Pop returns once the queue is closed.
var ErrClosed = errors.New("scheduling queue closed")

// QueuedPodInfo is a pod in the queue, with its history.
type QueuedPodInfo struct {
	Pod *corev1.Pod
	key string
	// Timestamp is when the pod was last put in the queue: the order of
	// pods of equal priority, and the start of its backoff.
	Timestamp time.Time
	// Attempts counts the times the pod was popped.
	Attempts int
}

// inFlightPod is a pod popped and not yet back or done.
type inFlightPod struct {
	// pInfo is what Pop returned. The scheduling and binding goroutines
	// read it without the queue's lock, so the queue does not write it
	// while the pod is in flight.
	pInfo *QueuedPodInfo
	// newest is the pod's newest state: what an update during the attempt
	// brought, for the retry.
	newest *corev1.Pod
	// moved is set when an event that could make pods fit happens while
	// the pod is in flight.
	moved bool
}

// PriorityQueue holds the pods waiting for a node. Safe for concurrent use.
type PriorityQueue struct {
	clock clock.WithTicker

	mu            sync.Mutex
	cond          *sync.Cond // signalled when activeQ gains a pod or the queue closes
	active        *podHeap
	backoff       *podHeap
	unschedulable map[string]*QueuedPodInfo
	inFlight      map[string]*inFlightPod
	closed        bool
}

// New returns an empty queue on clk (clock.RealClock{} outside tests).
func New(clk clock.WithTicker) *PriorityQueue {
	q := &PriorityQueue{
		clock:         clk,
		active:        newPodHeap(activeLess),
		unschedulable: map[string]*QueuedPodInfo{},
		inFlight:      map[string]*inFlightPod{},
	}
	q.backoff = newPodHeap(func(a, b *QueuedPodInfo) bool {
		return q.backoffExpiry(a).Before(q.backoffExpiry(b))
	})
	q.cond = sync.NewCond(&q.mu)
	return q
}

// activeLess orders activeQ: higher priority first, then the pod queued
// earlier (kube-scheduler's PrioritySort plugin).
func activeLess(a, b *QueuedPodInfo) bool {
	pa, pb := priority(a.Pod), priority(b.Pod)
	if pa != pb {
		return pa > pb
	}
	return a.Timestamp.Before(b.Timestamp)
}

func priority(pod *corev1.Pod) int32 {
	if pod.Spec.Priority == nil {
		return 0
	}
	return *pod.Spec.Priority
}

func keyOf(pod *corev1.Pod) string { return pod.Namespace + "/" + pod.Name }

// Add queues a new pod in activeQ (an informer's Add of an unbound pod).
func (q *PriorityQueue) Add(pod *corev1.Pod) {
	q.Update(pod)
}

// Update records a pod's newest state wherever it waits, comparing it with
// the state the queue holds; a pod the queue does not hold is added to
// activeQ.
func (q *PriorityQueue) Update(newPod *corev1.Pod) {
	q.mu.Lock()
	defer q.mu.Unlock()
	key := keyOf(newPod)
	if f, ok := q.inFlight[key]; ok {
		f.moved = f.moved || podUpdateMatters(f.newest, newPod)
		f.newest = newPod
		return
	}
	if p, ok := q.active.get(key); ok {
		p.Pod = newPod
		q.active.addOrUpdate(p)
		return
	}
	if p, ok := q.backoff.get(key); ok {
		p.Pod = newPod
		q.backoff.addOrUpdate(p)
		return
	}
	if p, ok := q.unschedulable[key]; ok {
		matters := podUpdateMatters(p.Pod, newPod)
		p.Pod = newPod
		if matters {
			delete(q.unschedulable, key)
			q.moveToActiveOrBackoffLocked(p)
		}
		return
	}
	q.active.addOrUpdate(&QueuedPodInfo{Pod: newPod, key: key, Timestamp: q.clock.Now()})
	q.cond.Broadcast()
}

// Delete forgets the pod wherever it is, in flight too (so that a failed
// attempt does not bring a deleted or bound pod back).
func (q *PriorityQueue) Delete(pod *corev1.Pod) {
	q.mu.Lock()
	defer q.mu.Unlock()
	key := keyOf(pod)
	q.active.remove(key)
	q.backoff.remove(key)
	delete(q.unschedulable, key)
	delete(q.inFlight, key)
}

// Pop waits for a pod in activeQ and takes it out, in flight until Done
// or a requeue. It returns ErrClosed once Close is called.
func (q *PriorityQueue) Pop() (*QueuedPodInfo, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.active.Len() == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return nil, ErrClosed
	}
	p := q.active.pop()
	p.Attempts++
	q.inFlight[p.key] = &inFlightPod{pInfo: p, newest: p.Pod}
	return p, nil
}

// Done says the pod's attempt ended well (it is bound): it leaves the queue.
func (q *PriorityQueue) Done(pod *corev1.Pod) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.inFlight, keyOf(pod))
}

// AddUnschedulable takes back an in-flight pod that fits on no node.
func (q *PriorityQueue) AddUnschedulable(pInfo *QueuedPodInfo) { q.requeue(pInfo, true) }

// AddBackoff takes back an in-flight pod whose attempt failed for another
// reason (an error, a refused bind): it is retried after its backoff.
func (q *PriorityQueue) AddBackoff(pInfo *QueuedPodInfo) { q.requeue(pInfo, false) }

func (q *PriorityQueue) requeue(pInfo *QueuedPodInfo, unschedulable bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	f, ok := q.inFlight[pInfo.key]
	if !ok {
		return // deleted or bound while in flight: nothing to retry
	}
	delete(q.inFlight, pInfo.key)
	// A copy: the caller may still be reading the QueuedPodInfo it got.
	requeued := *f.pInfo
	p := &requeued
	p.Pod = f.newest
	p.Timestamp = q.clock.Now()
	// A pod that fits nowhere waits for an event in unschedulable, unless
	// such an event came while it was in flight (it was judged on the old
	// state). Any other failure is retried after the backoff.
	if unschedulable && !f.moved {
		q.unschedulable[p.key] = p
		return
	}
	q.backoff.addOrUpdate(p)
}

// MoveAllToActiveOrBackoffQueue is called on an event that may make
// unschedulable pods fit: a node added, a node's labels, taints,
// allocatable or schedulability changed, a placed pod deleted. event names
// it for logs.
func (q *PriorityQueue) MoveAllToActiveOrBackoffQueue(event string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for key, p := range q.unschedulable {
		delete(q.unschedulable, key)
		q.moveToActiveOrBackoffLocked(p)
	}
	for _, f := range q.inFlight {
		f.moved = true
	}
}

// moveToActiveOrBackoffLocked puts a pod leaving unschedulable where it
// belongs now.
func (q *PriorityQueue) moveToActiveOrBackoffLocked(p *QueuedPodInfo) {
	// TODO(chapter 4): write queue-move.
	// Hint: an event ends the wait for an event, not the backoff: a pod still inside its backoff goes to backoffQ
	// Hint: otherwise it goes to activeQ, and a waiting Pop must be woken
	// Hint: this is what keeps a flood of node updates from becoming a hot loop of failing attempts
	panic("TODO(chapter 4): queue-move is not written yet (see chapters/04-scheduler/README.md)")
}

// backoffExpiry is when p's backoff ends.
func (q *PriorityQueue) backoffExpiry(p *QueuedPodInfo) time.Time {
	return p.Timestamp.Add(backoffDuration(max(p.Attempts, 1)))
}

// FlushBackoffQCompleted moves the pods whose backoff is over to activeQ.
func (q *PriorityQueue) FlushBackoffQCompleted() {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.clock.Now()
	for {
		p, ok := q.backoff.peek()
		if !ok || now.Before(q.backoffExpiry(p)) {
			return
		}
		q.active.addOrUpdate(q.backoff.pop())
		q.cond.Broadcast()
	}
}

// FlushUnschedulableLeftover moves pods that have waited MaxInUnschedulable
// or longer: a safety net for an event the rules above did not foresee.
func (q *PriorityQueue) FlushUnschedulableLeftover() {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.clock.Now()
	for key, p := range q.unschedulable {
		if now.Sub(p.Timestamp) >= MaxInUnschedulable {
			delete(q.unschedulable, key)
			q.moveToActiveOrBackoffLocked(p)
		}
	}
}

// Run flushes the queue periodically until ctx is done, then closes it.
func (q *PriorityQueue) Run(ctx context.Context) {
	backoffTicker := q.clock.NewTicker(backoffFlushPeriod)
	defer backoffTicker.Stop()
	leftoverTicker := q.clock.NewTicker(unschedulableFlushPeriod)
	defer leftoverTicker.Stop()
	defer q.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case <-backoffTicker.C():
			q.FlushBackoffQCompleted()
		case <-leftoverTicker.C():
			q.FlushUnschedulableLeftover()
		}
	}
}

// Close wakes every Pop with ErrClosed.
func (q *PriorityQueue) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.cond.Broadcast()
}

// Counts returns how many pods wait in each sub-queue, and are in flight.
func (q *PriorityQueue) Counts() (active, backoff, unschedulable, inFlight int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.active.Len(), q.backoff.Len(), len(q.unschedulable), len(q.inFlight)
}

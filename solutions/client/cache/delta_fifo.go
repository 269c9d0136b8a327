// This file teaches the queue between the reflector and the cache. It
// mirrors DeltaFIFO in client-go:
//
//   - each object's key is queued once, however many changes arrive before
//     it is popped; its changes accumulate, in order, in its Deltas;
//   - Replace (after a list) also finds the objects that are gone: known
//     to the cache, or queued, but not in the new list. They are queued as
//     Deleted with a DeletedFinalStateUnknown, because the watch event of
//     their deletion was never seen.

package cache

import (
	"errors"
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
)

// ErrFIFOClosed is returned by Pop after Close.
var ErrFIFOClosed = errors.New("DeltaFIFO: closed")

// KnownObjects is what the DeltaFIFO needs of the cache it feeds, to find
// deletes on Replace and to resync. The informer passes its Indexer.
type KnownObjects interface {
	ListKeys() []string
	GetByKey(key string) (runtime.Object, bool, error)
}

// PopProcessFunc handles one object's deltas. isInInitialList is true for
// the objects of the first list.
type PopProcessFunc func(deltas Deltas, isInInitialList bool) error

// DeltaFIFO is a queue of keys, each with its pending Deltas. It is safe
// for concurrent use by one producer (the reflector) and one consumer
// (Pop), plus any number of HasSynced callers.
type DeltaFIFO struct {
	mu   sync.Mutex
	cond *sync.Cond // a key was queued, or the FIFO was closed

	items map[string]Deltas // pending deltas of each queued key
	queue []string          // queued keys in order; each is in items, once

	known KnownObjects

	// populated is set by the first Replace; initialPopulationCount is the
	// number of keys it queued that have not been processed yet.
	populated              bool
	initialPopulationCount int

	closed bool
}

// NewDeltaFIFO returns an empty DeltaFIFO feeding the cache known.
func NewDeltaFIFO(known KnownObjects) *DeltaFIFO {
	f := &DeltaFIFO{items: map[string]Deltas{}, known: known}
	f.cond = sync.NewCond(&f.mu)
	return f
}

// Add queues an Added delta (a watch ADDED event).
func (f *DeltaFIFO) Add(obj runtime.Object) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.queueLocked(Added, obj)
}

// Update queues an Updated delta (a watch MODIFIED event).
func (f *DeltaFIFO) Update(obj runtime.Object) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.queueLocked(Updated, obj)
}

// Delete queues a Deleted delta (a watch DELETED event). A delete of an
// object neither known nor queued is dropped: no handler ever saw it.
func (f *DeltaFIFO) Delete(obj runtime.Object) error {
	key, err := MetaNamespaceKeyFunc(obj)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	_, queued := f.items[key]
	_, known, err := f.known.GetByKey(key)
	if err != nil {
		return err
	}
	if !queued && !known {
		return nil
	}
	return f.queueLocked(Deleted, obj)
}

// queueLocked appends a delta to obj's key, queuing the key if it is not
// queued yet. f.mu must be held.
func (f *DeltaFIFO) queueLocked(t DeltaType, obj any) error {
	// lab:begin deltafifo-queue
	// hint: append Delta{t, obj} to f.items[key] (key from MetaNamespaceKeyFunc).
	// hint: Two deletes in a row say the same thing: keep only the first. If
	// hint: the key had no pending deltas it is not in f.queue yet: append it
	// hint: and Signal the cond. A key is in f.queue at most once, however
	// hint: many deltas it has.
	key, err := MetaNamespaceKeyFunc(obj)
	if err != nil {
		return err
	}
	deltas, queued := f.items[key]
	if last, ok := deltas.Newest(); ok && t == Deleted && last.Type == Deleted {
		return nil // already going to be deleted; a second delete adds nothing
	}
	f.items[key] = append(deltas, Delta{Type: t, Object: obj})
	if !queued {
		f.queue = append(f.queue, key)
		f.cond.Signal()
	}
	return nil
	// lab:end
}

// Replace queues the result of a list: a Replaced delta for every object in
// list, and a Deleted delta carrying DeletedFinalStateUnknown for every
// object the cache knows or the queue holds that list no longer contains.
func (f *DeltaFIFO) Replace(list []runtime.Object, resourceVersion string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	// lab:begin deltafifo-replace
	// hint: queue Replaced for every object in list, remembering their keys.
	// hint: Then every key in f.known.ListKeys() or in f.items that is not in
	// hint: the list was deleted while we were not watching: unless its newest
	// hint: queued delta is already Deleted, queue Deleted with
	// hint: DeletedFinalStateUnknown{Key, Obj} where Obj is the newest state
	// hint: known (queued, else from f.known). On the first Replace set
	// hint: f.populated and f.initialPopulationCount = len(f.queue).
	listed := make(map[string]struct{}, len(list))
	for _, obj := range list {
		key, err := MetaNamespaceKeyFunc(obj)
		if err != nil {
			return err
		}
		listed[key] = struct{}{}
		if err := f.queueLocked(Replaced, obj); err != nil {
			return err
		}
	}

	// Candidates for deletion: what the cache holds and what is still queued
	// for it (an Added not yet popped is not in the cache yet).
	gone := map[string]struct{}{}
	for _, key := range f.known.ListKeys() {
		gone[key] = struct{}{}
	}
	for key := range f.items {
		gone[key] = struct{}{}
	}
	for key := range gone {
		if _, ok := listed[key]; ok {
			continue
		}
		last, err := f.newestStateLocked(key)
		if err != nil {
			return err
		}
		if last == nil {
			continue // its delete is already queued
		}
		if err := f.queueLocked(Deleted, DeletedFinalStateUnknown{Key: key, Obj: last}); err != nil {
			return err
		}
	}

	if !f.populated {
		f.populated = true
		f.initialPopulationCount = len(f.queue)
	}
	return nil
	// lab:end
}

// newestStateLocked returns the newest state of key: its newest queued
// object, else the cache's. It returns nil if the newest queued delta is a
// delete. f.mu must be held.
func (f *DeltaFIFO) newestStateLocked(key string) (runtime.Object, error) {
	if newest, ok := f.items[key].Newest(); ok {
		if newest.Type == Deleted {
			return nil, nil
		}
		return newest.Object.(runtime.Object), nil
	}
	obj, _, err := f.known.GetByKey(key)
	return obj, err
}

// Resync queues a Sync delta for every object in the cache that has no
// pending deltas (those will reach the handlers anyway, newer).
func (f *DeltaFIFO) Resync() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, key := range f.known.ListKeys() {
		if _, queued := f.items[key]; queued {
			continue
		}
		obj, ok, err := f.known.GetByKey(key)
		if err != nil {
			return err
		}
		if ok {
			if err := f.queueLocked(Sync, obj); err != nil {
				return err
			}
		}
	}
	return nil
}

// Pop blocks until a key is queued, removes it and calls process with its
// deltas. It returns ErrFIFOClosed once the FIFO is closed.
//
// process runs with the FIFO locked, so it must be quick and must not call
// the FIFO. The lock is why the cache can be trusted: while the deltas
// being processed are on their way into the cache, a Replace must not run,
// or it would not see that object and could not queue its delete.
func (f *DeltaFIFO) Pop(process PopProcessFunc) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for len(f.queue) == 0 {
		if f.closed {
			return ErrFIFOClosed
		}
		f.cond.Wait()
	}
	key := f.queue[0]
	f.queue[0] = ""
	f.queue = f.queue[1:]
	deltas := f.items[key]
	delete(f.items, key)
	if len(f.queue) == 0 {
		// Drained: let go of the slice's array and the map's buckets (a Go
		// map never shrinks). After a first list of 10,000 pods they hold
		// about 1 MB that nothing needs any more (BenchmarkInformerSync10000).
		f.queue = nil
		f.items = map[string]Deltas{}
	}

	initial := f.initialPopulationCount > 0
	if initial {
		// The first list's keys are the first ones queued, so the first
		// initialPopulationCount pops are exactly those keys.
		f.initialPopulationCount--
	}
	return process(deltas, initial)
}

// HasSynced reports whether the first list has been queued and every
// object in it processed by Pop.
func (f *DeltaFIFO) HasSynced() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.populated && f.initialPopulationCount == 0
}

// Close wakes a blocked Pop; every later Pop returns ErrFIFOClosed once the
// queue is empty.
func (f *DeltaFIFO) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	f.cond.Broadcast()
}

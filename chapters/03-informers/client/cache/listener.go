// This file teaches how one informer serves many handlers without letting a
// slow one hold up the rest: each handler gets its own unbounded buffer and
// its own goroutine. It mirrors processorListener in client-go.

package cache

import (
	"context"
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
)

// notification is one call to make on a handler.
type notification struct {
	kind            notificationKind
	oldObj, newObj  runtime.Object // newObj for add; both for update
	deleted         any            // for delete: an object or a DeletedFinalStateUnknown
	isInInitialList bool
}

type notificationKind int

const (
	addNotification notificationKind = iota
	updateNotification
	deleteNotification
)

// listener delivers notifications to one handler, in order, from its own
// goroutine. add never blocks, so the informer never waits for a handler.
type listener struct {
	handler ResourceEventHandler
	// informerSynced reports whether the informer has handed out the whole
	// initial list.
	informerSynced func() bool

	mu             sync.Mutex
	pending        []notification
	initialPending int // initial-list adds added but not yet handled
	wake           chan struct{}
	done           chan struct{} // closed when run returns
	// stop ends run; set when the informer starts the listener, under the
	// informer's deliverMu.
	stop context.CancelFunc
}

func newListener(h ResourceEventHandler, informerSynced func() bool) *listener {
	return &listener{
		handler:        h,
		informerSynced: informerSynced,
		wake:           make(chan struct{}, 1),
		done:           make(chan struct{}),
	}
}

// add queues n for the handler.
func (l *listener) add(n notification) {
	l.mu.Lock()
	l.pending = append(l.pending, n)
	if n.isInInitialList {
		l.initialPending++
	}
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
}

// run calls the handler for each notification until ctx is done.
func (l *listener) run(ctx context.Context) {
	defer close(l.done)
	for {
		l.mu.Lock()
		batch := l.pending
		l.pending = nil
		l.mu.Unlock()

		if len(batch) == 0 {
			select {
			case <-ctx.Done():
				return
			case <-l.wake:
				continue
			}
		}
		for _, n := range batch {
			if ctx.Err() != nil {
				return
			}
			l.deliver(n)
		}
	}
}

func (l *listener) deliver(n notification) {
	switch n.kind {
	case addNotification:
		l.handler.OnAdd(n.newObj, n.isInInitialList)
	case updateNotification:
		l.handler.OnUpdate(n.oldObj, n.newObj)
	case deleteNotification:
		l.handler.OnDelete(n.deleted)
	}
	if n.isInInitialList {
		l.mu.Lock()
		l.initialPending--
		l.mu.Unlock()
	}
}

// hasSynced reports whether the handler has been called for every object
// of the initial list.
func (l *listener) hasSynced() bool {
	if !l.informerSynced() {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.initialPending == 0
}

// Registration is returned by AddEventHandler.
type Registration struct {
	l *listener
}

// HasSynced reports whether this handler has been called for every object
// of the informer's initial list (or, for a handler added later, for every
// object the cache held when it was added). A controller waits for it
// before its workers start.
func (r *Registration) HasSynced() bool {
	return r.l.hasSynced()
}

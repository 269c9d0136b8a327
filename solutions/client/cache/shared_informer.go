// This file teaches the informer: one reflector and one cache per resource
// type, shared by every handler in the process. It pops the DeltaFIFO,
// applies each delta to the cache first and then tells the handlers, so a
// handler that reads the cache finds what it was told about (or newer). It
// mirrors sharedIndexInformer in client-go.

package cache

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/utils/clock"
)

// SharedInformerOptions configure a SharedIndexInformer; the zero value is
// usable.
type SharedInformerOptions struct {
	// Name appears in logs, e.g. "pods".
	Name string
	// ResyncPeriod, if not zero, is how often every handler is called with
	// OnUpdate(obj, obj) for every object, so that a controller that missed
	// or mishandled something gets another chance.
	ResyncPeriod time.Duration
	// Indexers beyond the namespace index every informer has.
	Indexers Indexers
	// Clock for backoff and resync; the real clock if nil.
	Clock clock.Clock
	// Logger; slog.Default() if nil.
	Logger *slog.Logger
}

// SharedIndexInformer keeps an Indexer in step with one resource type and
// calls its handlers on every change. Run it once. Every method may be
// called from any goroutine, before or after Run.
type SharedIndexInformer struct {
	lw          ListerWatcher
	exampleObj  runtime.Object
	opts        SharedInformerOptions
	indexer     Indexer
	fifo        *DeltaFIFO
	reflectorMu sync.Mutex
	reflector   *Reflector // set by Run
	logger      *slog.Logger

	// deliverMu is held while deltas are applied and handed to listeners,
	// and while a late handler receives the cache's current objects, so a
	// late handler sees each object exactly once: either in the replay or
	// as a later notification, never both or neither.
	deliverMu sync.Mutex
	listeners []*listener
	runCtx    context.Context // set when Run starts; nil before
	stopped   bool            // Run is returning: start no more listeners
	wg        sync.WaitGroup  // the listeners' goroutines
}

// NewSharedIndexInformer returns an informer over lw, whose objects have
// the type of exampleObj (e.g. &corev1.Pod{}).
func NewSharedIndexInformer(lw ListerWatcher, exampleObj runtime.Object, opts SharedInformerOptions) *SharedIndexInformer {
	if opts.Clock == nil {
		opts.Clock = clock.RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	indexers := Indexers{NamespaceIndex: MetaNamespaceIndexFunc}
	for name, f := range opts.Indexers {
		indexers[name] = f
	}
	indexer := NewIndexer(indexers)
	return &SharedIndexInformer{
		lw:         lw,
		exampleObj: exampleObj,
		opts:       opts,
		indexer:    indexer,
		fifo:       NewDeltaFIFO(indexer),
		logger:     opts.Logger.With("informer", opts.Name),
	}
}

// GetIndexer returns the cache. Its objects are shared: do not modify them.
func (s *SharedIndexInformer) GetIndexer() Indexer { return s.indexer }

// AddIndexers adds indexes to the cache, before or after Run.
func (s *SharedIndexInformer) AddIndexers(indexers Indexers) error {
	return s.indexer.AddIndexers(indexers)
}

// HasSynced reports whether the cache holds the whole first list.
func (s *SharedIndexInformer) HasSynced() bool { return s.fifo.HasSynced() }

// LastSyncResourceVersion is the resourceVersion the cache is at ("" before
// the first list).
func (s *SharedIndexInformer) LastSyncResourceVersion() string {
	s.reflectorMu.Lock()
	defer s.reflectorMu.Unlock()
	if s.reflector == nil {
		return ""
	}
	return s.reflector.LastSyncResourceVersion()
}

// AddEventHandler registers h. Added after Run, h is first called with
// OnAdd for every object already in the cache, then with every later
// change.
func (s *SharedIndexInformer) AddEventHandler(h ResourceEventHandler) *Registration {
	l := newListener(h, s.HasSynced)

	s.deliverMu.Lock()
	defer s.deliverMu.Unlock()
	s.listeners = append(s.listeners, l)
	if s.runCtx == nil {
		return &Registration{l: l} // Run starts it
	}
	if s.stopped {
		return &Registration{l: l} // too late: nothing will be delivered
	}
	for _, obj := range s.indexer.List() {
		l.add(notification{kind: addNotification, newObj: obj, isInInitialList: true})
	}
	s.startListenerLocked(l)
	return &Registration{l: l}
}

// RemoveEventHandler stops calling the handler of reg.
func (s *SharedIndexInformer) RemoveEventHandler(reg *Registration) {
	s.deliverMu.Lock()
	defer s.deliverMu.Unlock()
	for i, l := range s.listeners {
		if l == reg.l {
			s.listeners = append(s.listeners[:i], s.listeners[i+1:]...)
			break
		}
	}
	if reg.l.stop != nil {
		reg.l.stop() // drops what it has not delivered yet
	}
}

// startListenerLocked starts l's goroutine. s.deliverMu must be held and
// Run must have started.
func (s *SharedIndexInformer) startListenerLocked(l *listener) {
	ctx, stop := context.WithCancel(s.runCtx)
	l.stop = stop
	s.wg.Go(func() { l.run(ctx) })
}

// Run lists, watches and delivers until ctx is done, then waits for its
// goroutines. It must be called once.
func (s *SharedIndexInformer) Run(ctx context.Context) {
	s.deliverMu.Lock()
	if s.runCtx != nil {
		s.deliverMu.Unlock()
		s.logger.Error("Run called twice; ignoring")
		return
	}
	s.runCtx = ctx
	for _, l := range s.listeners {
		s.startListenerLocked(l)
	}
	s.deliverMu.Unlock()

	r := NewReflector(s.lw, s.exampleObj, s.fifo, ReflectorOptions{
		Name: s.opts.Name, ResyncPeriod: s.opts.ResyncPeriod, Clock: s.opts.Clock, Logger: s.opts.Logger,
	})
	s.reflectorMu.Lock()
	s.reflector = r
	s.reflectorMu.Unlock()

	var wg sync.WaitGroup
	wg.Go(func() { r.Run(ctx) })
	wg.Go(func() {
		<-ctx.Done()
		s.fifo.Close() // wakes a blocked Pop
	})
	for ctx.Err() == nil {
		if err := s.fifo.Pop(s.handleDeltas); err != nil {
			if errors.Is(err, ErrFIFOClosed) {
				break
			}
			s.logger.Error("handling deltas", "err", err)
		}
	}
	wg.Wait()
	s.deliverMu.Lock()
	s.stopped = true
	s.deliverMu.Unlock()
	s.wg.Wait()
}

// handleDeltas applies one object's deltas to the cache and tells the
// handlers. It runs under the DeltaFIFO's lock (see Pop).
func (s *SharedIndexInformer) handleDeltas(deltas Deltas, isInInitialList bool) error {
	s.deliverMu.Lock()
	defer s.deliverMu.Unlock()
	for _, d := range deltas {
		if d.Type == Deleted {
			last := d.Object
			if tomb, ok := last.(DeletedFinalStateUnknown); ok {
				last = tomb.Obj
			}
			if err := s.indexer.Delete(last.(runtime.Object)); err != nil {
				return err
			}
			s.distributeLocked(notification{kind: deleteNotification, deleted: d.Object})
			continue
		}

		// Added, Updated, Replaced or Sync: the object exists with this state.
		obj := d.Object.(runtime.Object)
		old, exists, err := s.indexer.Get(obj)
		if err != nil {
			return err
		}
		if exists {
			if err := s.indexer.Update(obj); err != nil {
				return err
			}
			s.distributeLocked(notification{kind: updateNotification, oldObj: old, newObj: obj})
		} else {
			if err := s.indexer.Add(obj); err != nil {
				return err
			}
			s.distributeLocked(notification{kind: addNotification, newObj: obj, isInInitialList: isInInitialList})
		}
	}
	return nil
}

// distributeLocked hands n to every listener. s.deliverMu must be held.
func (s *SharedIndexInformer) distributeLocked(n notification) {
	for _, l := range s.listeners {
		l.add(n)
	}
}

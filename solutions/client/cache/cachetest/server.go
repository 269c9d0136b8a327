// Package cachetest is a stand-in for the apiserver, for one resource type,
// that tests and benchmarks of informers drive by hand. It keeps what a
// reflector relies on (see chapter 02): every change gets the next
// resourceVersion; a list says which version it shows; a watch from version
// N replays every change after N exactly once, in order; a watch from a
// version older than the compacted history fails with 410 Gone. And it
// does what a test needs to provoke: cut every open watch (an apiserver
// restart), compact history, fail the next watches, count requests.
//
// It satisfies cache.ListerWatcher, and client-go's ListerWatcher through
// client-go's ListWatch, so both informers can be run against the same
// history.
package cachetest

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
)

// Server is the fake apiserver of one resource. Safe for concurrent use.
type Server struct {
	resource schema.GroupResource
	newList  func() runtime.Object

	mu        sync.Mutex
	rv        int64
	objects   map[string]runtime.Object // key → newest state
	history   []watch.Event             // every change, in resourceVersion order
	compacted int64                     // watches from before this version get 410
	changed   chan struct{}             // closed and replaced on every change
	cut       chan struct{}             // closed and replaced by CutWatches
	failNext  int                       // the next failNext Watch calls fail with 500
	snapshots map[string][]runtime.Object

	// GoneOnRequest makes a watch from a compacted version fail the request
	// itself (the Watch call returns a 410 error) rather than stream one
	// ERROR event carrying a 410 Status, as the watch cache does. Both
	// happen with a real apiserver. Set it before use.
	GoneOnRequest bool

	lists   []metav1.ListOptions
	watches []metav1.ListOptions
}

// NewServer returns an empty server for resource whose lists are made by
// newList, e.g. func() runtime.Object { return &corev1.PodList{} }.
func NewServer(resource schema.GroupResource, newList func() runtime.Object) *Server {
	return &Server{
		resource:  resource,
		newList:   newList,
		rv:        1, // resourceVersion 0 means "any" to the API; start above it
		objects:   map[string]runtime.Object{},
		changed:   make(chan struct{}),
		cut:       make(chan struct{}),
		snapshots: map[string][]runtime.Object{},
	}
}

// Create stores a new object. The server takes ownership of obj (it sets
// its resourceVersion): the caller must not modify it afterwards.
func (s *Server) Create(obj runtime.Object) error {
	return s.write(watch.Added, obj)
}

// Update replaces an existing object; ownership as for Create.
func (s *Server) Update(obj runtime.Object) error {
	return s.write(watch.Modified, obj)
}

// Delete removes an object; ownership as for Create. Its DELETED event
// carries obj with the version of the deletion, as the apiserver's does.
func (s *Server) Delete(obj runtime.Object) error {
	return s.write(watch.Deleted, obj)
}

func (s *Server) write(t watch.EventType, obj runtime.Object) error {
	key, m, err := keyOf(obj)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, exists := s.objects[key]
	switch {
	case t == watch.Added && exists:
		return apierrors.NewAlreadyExists(s.resource, key)
	case t != watch.Added && !exists:
		return apierrors.NewNotFound(s.resource, key)
	}
	s.rv++
	m.SetResourceVersion(strconv.FormatInt(s.rv, 10))
	if t == watch.Deleted {
		delete(s.objects, key)
	} else {
		s.objects[key] = obj
	}
	s.history = append(s.history, watch.Event{Type: t, Object: obj})
	s.notifyLocked()
	return nil
}

// Get returns the stored object of key ("ns/name").
func (s *Server) Get(key string) (runtime.Object, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	obj, ok := s.objects[key]
	return obj, ok
}

// ResourceVersion is the version of the newest change.
func (s *Server) ResourceVersion() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strconv.FormatInt(s.rv, 10)
}

// Compact forgets the history up to now: a watch from an older version
// gets 410 Gone. Open watches are not affected.
func (s *Server) Compact() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.compacted = s.rv
}

// CutWatches ends every open watch, as an apiserver restart does: each
// client sees its result channel close, and events in flight are lost.
func (s *Server) CutWatches() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.cut)
	s.cut = make(chan struct{})
}

// FailNextWatches makes the next n Watch calls fail with 500.
func (s *Server) FailNextWatches(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// Lists returns the options of every List call so far.
func (s *Server) Lists() []metav1.ListOptions {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.lists)
}

// Watches returns the options of every Watch call so far.
func (s *Server) Watches() []metav1.ListOptions {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.watches)
}

// IsWatchListSemanticsUnSupported tells client-go's reflector to list and
// then watch, as ours does, instead of trying a streaming list.
func (s *Server) IsWatchListSemanticsUnSupported() bool { return true }

// List returns every object sorted by key, at the current version. With
// opts.Limit it returns pages, each read from the snapshot of the first.
func (s *Server) List(_ context.Context, opts metav1.ListOptions) (runtime.Object, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lists = append(s.lists, opts)

	var items []runtime.Object
	rv := strconv.FormatInt(s.rv, 10)
	if opts.Continue != "" {
		var ok bool
		if items, ok = s.snapshots[opts.Continue]; !ok {
			return nil, apierrors.NewResourceExpired("continue token expired")
		}
		delete(s.snapshots, opts.Continue)
		rv, _, _ = strings.Cut(opts.Continue, "/")
	} else {
		keys := make([]string, 0, len(s.objects))
		for k := range s.objects {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			items = append(items, s.objects[k])
		}
	}

	list := s.newList()
	lm, err := meta.ListAccessor(list)
	if err != nil {
		return nil, err
	}
	lm.SetResourceVersion(rv)
	if opts.Limit > 0 && int64(len(items)) > opts.Limit {
		token := fmt.Sprintf("%s/%d", rv, len(s.snapshots)+len(s.lists))
		s.snapshots[token] = items[opts.Limit:]
		items = items[:opts.Limit]
		lm.SetContinue(token)
	}
	if err := meta.SetList(list, items); err != nil {
		return nil, err
	}
	return list, nil
}

// Watch streams the changes after opts.ResourceVersion; with no version,
// it first sends an ADDED event for every object, as the apiserver does.
func (s *Server) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.watches = append(s.watches, opts)

	if s.failNext > 0 {
		s.failNext--
		return nil, apierrors.NewInternalError(fmt.Errorf("injected watch failure"))
	}
	w := &serverWatch{s: s, result: make(chan watch.Event), stop: make(chan struct{}), cut: s.cut}
	if opts.ResourceVersion == "" {
		for _, obj := range s.objects {
			w.initial = append(w.initial, watch.Event{Type: watch.Added, Object: obj})
		}
		w.next = len(s.history)
	} else {
		from, err := strconv.ParseInt(opts.ResourceVersion, 10, 64)
		if err != nil {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("invalid resourceVersion %q", opts.ResourceVersion))
		}
		if from < s.compacted {
			gone := apierrors.NewResourceExpired(fmt.Sprintf("too old resource version: %d (%d)", from, s.compacted))
			if s.GoneOnRequest {
				return nil, gone
			}
			w.initial = []watch.Event{{Type: watch.Error, Object: &gone.ErrStatus}}
			w.errorOnly = true
		}
		// History is in version order: events after from start at the
		// first one with a greater version.
		w.next, _ = slices.BinarySearchFunc(s.history, from+1, func(e watch.Event, rv int64) int {
			m, _ := meta.Accessor(e.Object)
			have, _ := strconv.ParseInt(m.GetResourceVersion(), 10, 64)
			return int(have - rv)
		})
	}
	go w.run(ctx)
	return w, nil
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// serverWatch streams the server's history from an index.
type serverWatch struct {
	s         *Server
	result    chan watch.Event
	stop      chan struct{}
	stopOnce  sync.Once
	initial   []watch.Event // sent first
	errorOnly bool          // end after initial (a 410)
	next      int           // index of the next history event to send
	cut       <-chan struct{}
}

func (w *serverWatch) ResultChan() <-chan watch.Event { return w.result }
func (w *serverWatch) Stop()                          { w.stopOnce.Do(func() { close(w.stop) }) }

func (w *serverWatch) run(ctx context.Context) {
	defer close(w.result)
	pending := w.initial
	for {
		for _, e := range pending {
			select {
			case w.result <- e:
			case <-w.cut:
				return
			case <-w.stop:
				return
			case <-ctx.Done():
				return
			}
		}
		if w.errorOnly {
			return
		}
		// Take every event recorded since, or wait for one.
		w.s.mu.Lock()
		pending = w.s.history[w.next:len(w.s.history):len(w.s.history)]
		w.next = len(w.s.history)
		changed := w.s.changed
		w.s.mu.Unlock()
		if len(pending) > 0 {
			continue
		}
		select {
		case <-changed:
		case <-w.cut:
			return
		case <-w.stop:
			return
		case <-ctx.Done():
			return
		}
	}
}

func keyOf(obj runtime.Object) (string, metav1.Object, error) {
	m, err := meta.Accessor(obj)
	if err != nil {
		return "", nil, err
	}
	if m.GetNamespace() == "" {
		return m.GetName(), m, nil
	}
	return m.GetNamespace() + "/" + m.GetName(), m, nil
}

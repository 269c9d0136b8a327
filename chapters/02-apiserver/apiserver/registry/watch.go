// This file teaches how a watch is served: decide where the stream starts
// (after a list the client made, or with the current state sent as ADDED
// events), then turn each storage event into a Kubernetes watch event,
// send a BOOKMARK now and then so that a quiet watcher still learns how far
// it has read, and end with an ERROR event carrying 410 Gone when storage
// has forgotten the version asked for. It mirrors the watch path of the
// apiserver's cacher (k8s.io/apiserver/pkg/storage/cacher) without its
// cache: every watcher here has its own storage watch.

package registry

import (
	"context"
	"fmt"
	"strconv"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubeling/kubeling/solutions/storage"
)

// DefaultBookmarkInterval is how often an idle watch that allows bookmarks
// gets one. Kubernetes sends them about once a minute.
const DefaultBookmarkInterval = time.Minute

// watchBuffer is how many events may wait for a slow reader before the
// watch stops reading storage (it never drops events).
const watchBuffer = 100

// WatchOptions are the parameters of a watch request.
type WatchOptions struct {
	// ResourceVersion is where the stream starts: after that version, or,
	// when "" or "0", with the current state as ADDED events.
	ResourceVersion string
	// SendInitialEvents asks for the current state as ADDED events followed
	// by a BOOKMARK annotated k8s.io/initial-events-end, whatever the
	// ResourceVersion (the "watch-list" that client-go's informers use).
	SendInitialEvents bool
	// AllowBookmarks lets the stream carry BOOKMARK events.
	AllowBookmarks bool
	// BookmarkInterval overrides DefaultBookmarkInterval (tests use short
	// ones).
	BookmarkInterval time.Duration
}

// Watcher is a running watch; it implements watch.Interface. Its channel is
// closed when the watch ends: after Stop, when the context given to Watch
// ends, or after an ERROR event. An event's object may be kept by the watch
// (a filtered watch remembers what it sent): read it, do not change it.
type Watcher struct {
	result chan watch.Event
	cancel context.CancelFunc
	done   chan struct{}
}

// ResultChan returns the events.
func (w *Watcher) ResultChan() <-chan watch.Event { return w.result }

// Stop ends the watch and waits for it to release storage. It is safe to
// call more than once and from any goroutine.
func (w *Watcher) Stop() {
	w.cancel()
	<-w.done
}

// Watch starts a watch of namespace ("" for all) that reports the objects
// pred selects. Errors found before the stream starts are returned; errors
// after (a compacted resourceVersion) arrive as an ERROR event.
func (s *Store) Watch(ctx context.Context, namespace string, pred Predicate, opts WatchOptions) (*Watcher, error) {
	initial := opts.SendInitialEvents || opts.ResourceVersion == "" || opts.ResourceVersion == "0"
	var fromRV int64
	if !initial {
		rv, err := strconv.ParseInt(opts.ResourceVersion, 10, 64)
		if err != nil || rv < 0 {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("invalid resource version %q", opts.ResourceVersion))
		}
		fromRV = rv
	}
	if opts.BookmarkInterval <= 0 {
		opts.BookmarkInterval = DefaultBookmarkInterval
	}
	ctx, cancel := context.WithCancel(ctx)
	w := &Watcher{result: make(chan watch.Event, watchBuffer), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		defer close(w.result)
		defer cancel()
		defer func() {
			// A bug here must end this watch, not the whole apiserver: no
			// HTTP filter can recover a panic on this goroutine.
			if p := recover(); p != nil {
				status := apierrors.NewInternalError(fmt.Errorf("the watch failed: %v", p)).Status()
				select {
				case w.result <- watch.Event{Type: watch.Error, Object: &status}:
				case <-ctx.Done():
				}
			}
		}()
		s.runWatch(ctx, w.result, namespace, pred, opts, initial, fromRV)
	}()
	return w, nil
}

// runWatch produces the events of one watch until ctx ends or storage
// reports an error.
func (s *Store) runWatch(ctx context.Context, out chan<- watch.Event, namespace string, pred Predicate, opts WatchOptions, initial bool, fromRV int64) {
	emit := func(ev watch.Event) bool {
		select {
		case out <- ev:
			return true
		case <-ctx.Done():
			return false
		}
	}
	fail := func(err error) {
		status := apierrors.NewInternalError(err).Status()
		if apiErr, ok := StorageError(err, s.resource.GroupResource(), "").(apierrors.APIStatus); ok {
			status = apiErr.Status()
		}
		emit(watch.Event{Type: watch.Error, Object: &status})
	}

	prefix := s.listPrefix(namespace)
	// matched holds, by key, each object the client knows as passing pred,
	// as the client last saw it, so that a change can be told as ADDED,
	// MODIFIED or DELETED from the client's point of view. An empty pred
	// needs no such bookkeeping: matched stays nil.
	var matched map[string]runtime.Object
	if !pred.Empty() {
		matched = map[string]runtime.Object{}
	}
	if initial {
		objs, keys, listRV, err := s.snapshot(ctx, prefix, "")
		if err != nil {
			fail(err)
			return
		}
		for i, obj := range objs {
			if ok, _ := pred.Matches(obj); ok {
				if matched != nil {
					matched[keys[i]] = obj
				}
				if !emit(watch.Event{Type: watch.Added, Object: obj}) {
					return
				}
			}
		}
		if opts.SendInitialEvents && opts.AllowBookmarks {
			if !emit(s.bookmark(listRV, true)) {
				return
			}
		}
		fromRV = listRV
	} else if !pred.Empty() {
		// To know whether a change makes an object stop matching, we need
		// what matched at fromRV: read the list as it was then.
		objs, keys, _, err := s.snapshot(ctx, prefix, strconv.FormatInt(fromRV, 10))
		if err != nil {
			fail(err)
			return
		}
		for i, obj := range objs {
			if ok, _ := pred.Matches(obj); ok {
				matched[keys[i]] = obj
			}
		}
	}

	sw, err := s.storage.Watch(ctx, prefix, fromRV)
	if err != nil {
		fail(err)
		return
	}
	defer sw.Stop()

	var ticks <-chan time.Time
	if opts.AllowBookmarks {
		ticker := time.NewTicker(opts.BookmarkInterval)
		defer ticker.Stop()
		ticks = ticker.C
	}
	lastRV := fromRV
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
			if !emit(s.bookmark(lastRV, false)) {
				return
			}
		case ev, ok := <-sw.ResultChan():
			if !ok {
				return
			}
			if ev.Type == storage.Error {
				fail(ev.Err)
				return
			}
			lastRV = ev.ResourceVersion
			obj, err := s.decode(ev.Value, ev.ResourceVersion)
			if err != nil {
				fail(err)
				return
			}
			out, send, err := translate(ev, obj, pred, matched)
			if err != nil {
				fail(err)
				return
			}
			if send && !emit(out) {
				return
			}
		}
	}
}

// snapshot reads every object under prefix, now (rv "") or as of rv, with
// their keys and the revision read at.
func (s *Store) snapshot(ctx context.Context, prefix, rv string) ([]runtime.Object, []string, int64, error) {
	token := ""
	if rv != "" {
		n, _ := strconv.ParseInt(rv, 10, 64)
		current, err := s.storage.CurrentResourceVersion(ctx)
		if err != nil {
			return nil, nil, 0, err
		}
		if n > current {
			return nil, nil, 0, tooLargeResourceVersion(n, current)
		}
		token = snapshotToken(prefix, n)
	}
	var objs []runtime.Object
	var keys []string
	for {
		page, err := s.storage.List(ctx, prefix, storage.ListOptions{Continue: token})
		if err != nil {
			return nil, nil, 0, err
		}
		for _, kv := range page.Items {
			obj, err := s.decode(kv.Value, kv.ResourceVersion)
			if err != nil {
				return nil, nil, 0, err
			}
			objs = append(objs, obj)
			keys = append(keys, kv.Key)
		}
		if page.Continue == "" {
			return objs, keys, page.ResourceVersion, nil
		}
		token = page.Continue
	}
}

// bookmark returns a BOOKMARK event: an empty object of the resource's kind
// whose only content is a resourceVersion the client has seen everything
// up to. initialEventsEnd marks the end of the initial ADDED events.
func (s *Store) bookmark(rv int64, initialEventsEnd bool) watch.Event {
	obj := s.resource.New()
	obj.GetObjectKind().SetGroupVersionKind(s.resource.GroupVersionKind())
	accessor, _ := meta.Accessor(obj)
	accessor.SetResourceVersion(strconv.FormatInt(rv, 10))
	if initialEventsEnd {
		accessor.SetAnnotations(map[string]string{metav1.InitialEventsAnnotationKey: "true"})
	}
	return watch.Event{Type: watch.Bookmark, Object: obj}
}

// tooLargeResourceVersion is Kubernetes' answer to a version from the
// future: 504 with a cause that tells client-go to relist.
func tooLargeResourceVersion(requested, current int64) error {
	err := apierrors.NewTimeoutError(fmt.Sprintf("Too large resource version: %d, current: %d", requested, current), 1)
	err.ErrStatus.Details.Causes = []metav1.StatusCause{{
		Type:    metav1.CauseTypeResourceVersionTooLarge,
		Message: "Too large resource version",
	}}
	return err
}

// This file teaches how a client stays in step with the apiserver: list
// everything once, then watch from the list's resourceVersion, applying
// every change to a store. When the watch breaks, watch again from the
// last resourceVersion seen: no change is missed and none is seen twice.
// Only when the apiserver answers 410 Gone (it no longer has the changes
// after that version) list again. It mirrors Reflector in client-go.

package cache

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/utils/clock"
)

// ReflectorStore receives what the reflector sees. The informer passes its
// DeltaFIFO.
type ReflectorStore interface {
	Add(obj runtime.Object) error
	Update(obj runtime.Object) error
	Delete(obj runtime.Object) error
	// Replace receives the content of a (re)list and its resourceVersion.
	Replace(list []runtime.Object, resourceVersion string) error
	// Resync is called every resync period.
	Resync() error
}

// listPageSize is how many objects the reflector asks for per list
// request: a list of 10,000 pods arrives in 20 pages instead of one 20 MB
// response, as client-go's pager does.
const listPageSize = 500

// ReflectorOptions configure a Reflector; the zero value is usable.
type ReflectorOptions struct {
	// Name appears in logs, e.g. "pods".
	Name string
	// ResyncPeriod, if not zero, is how often the store's Resync is called.
	ResyncPeriod time.Duration
	// Clock measures backoff and resync; the real clock if nil.
	Clock clock.Clock
	// Logger; slog.Default() if nil.
	Logger *slog.Logger
}

// Reflector keeps a ReflectorStore in step with one resource type. Run it
// once; LastSyncResourceVersion may be called from any goroutine.
type Reflector struct {
	name         string
	expectedType reflect.Type
	lw           ListerWatcher
	store        ReflectorStore
	resyncPeriod time.Duration
	clock        clock.Clock
	backoff      *backoff
	logger       *slog.Logger

	mu                      sync.Mutex
	lastSyncResourceVersion string
}

// NewReflector returns a reflector that feeds store with the objects of
// lw, which must be of the same type as expectedType (e.g. &corev1.Pod{}).
func NewReflector(lw ListerWatcher, expectedType runtime.Object, store ReflectorStore, opts ReflectorOptions) *Reflector {
	if opts.Clock == nil {
		opts.Clock = clock.RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Name == "" {
		opts.Name = reflect.TypeOf(expectedType).String()
	}
	return &Reflector{
		name:         opts.Name,
		expectedType: reflect.TypeOf(expectedType),
		lw:           lw,
		store:        store,
		resyncPeriod: opts.ResyncPeriod,
		clock:        opts.Clock,
		backoff:      newBackoff(opts.Clock, initialBackoff, maxBackoff),
		logger:       opts.Logger.With("reflector", opts.Name),
	}
}

// LastSyncResourceVersion is the resourceVersion of the last list or watch
// event applied to the store: where a resumed watch starts.
func (r *Reflector) LastSyncResourceVersion() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastSyncResourceVersion
}

func (r *Reflector) setLastSyncResourceVersion(rv string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lastSyncResourceVersion = rv
}

// Run lists and watches until ctx is done.
func (r *Reflector) Run(ctx context.Context) {
	r.logger.Debug("starting")
	var wg sync.WaitGroup
	defer wg.Wait()
	if r.resyncPeriod > 0 {
		wg.Go(func() { r.resyncLoop(ctx) })
	}
	r.listAndWatch(ctx)
	r.logger.Debug("stopped")
}

// listAndWatch lists, then watches and resumes the watch, listing again
// only when the apiserver says 410 Gone, until ctx is done.
func (r *Reflector) listAndWatch(ctx context.Context) {
	// lab:begin reflector-run
	// hint: loop until ctx is done. List (r.list) when there is no
	// hint: resourceVersion yet or the last watch said 410 Gone (isGone); if
	// hint: the list fails, r.backoff.Wait and try again. Then r.watch: it
	// hint: returns when the watch ends. Gone → list again, at once; another
	// hint: error → r.backoff.Wait, then watch again from the last
	// hint: resourceVersion (no list!); a watch that ended cleanly after
	// hint: delivering events → Reset the backoff and watch again at once;
	// hint: one that delivered nothing → Wait (a server closing every watch
	// hint: at once must not make us spin).
	needList := true
	for ctx.Err() == nil {
		if needList {
			if err := r.list(ctx); err != nil {
				if ctx.Err() == nil {
					r.logger.Warn("list failed, will retry", "err", err)
				}
				_ = r.backoff.Wait(ctx)
				continue
			}
			r.backoff.Reset()
			needList = false
		}

		events, err := r.watch(ctx)
		switch {
		case ctx.Err() != nil:
			// Shutting down.
		case isGone(err):
			r.logger.Info("watch history is gone, listing again", "resourceVersion", r.LastSyncResourceVersion(), "err", err)
			needList = true
		case err != nil:
			r.logger.Warn("watch failed, will resume", "resourceVersion", r.LastSyncResourceVersion(), "err", err)
			_ = r.backoff.Wait(ctx)
		case events > 0:
			r.backoff.Reset()
		default:
			_ = r.backoff.Wait(ctx)
		}
	}
	// lab:end
}

// list reads every object (in pages) and replaces the store's content
// with them, at the list's resourceVersion.
func (r *Reflector) list(ctx context.Context) error {
	// lab:begin reflector-list
	// hint: call r.lw.List with Limit listPageSize, following
	// hint: ListMeta.Continue until it is empty; gather the items of every
	// hint: page (meta.ExtractList) and keep the first page's resourceVersion
	// hint: (meta.ListAccessor): every page is read at that version. Then
	// hint: r.store.Replace(items, rv) and r.setLastSyncResourceVersion(rv).
	var items []runtime.Object
	var resourceVersion string
	opts := metav1.ListOptions{Limit: listPageSize}
	for {
		list, err := r.lw.List(ctx, opts)
		if err != nil {
			return fmt.Errorf("listing %s: %w", r.name, err)
		}
		listMeta, err := meta.ListAccessor(list)
		if err != nil {
			return fmt.Errorf("reading the list metadata of %s: %w", r.name, err)
		}
		page, err := meta.ExtractList(list)
		if err != nil {
			return fmt.Errorf("reading the items of %s: %w", r.name, err)
		}
		items = append(items, page...)
		if resourceVersion == "" {
			resourceVersion = listMeta.GetResourceVersion()
		}
		if listMeta.GetContinue() == "" {
			break
		}
		opts.Continue = listMeta.GetContinue()
	}
	if err := r.store.Replace(items, resourceVersion); err != nil {
		return fmt.Errorf("replacing the store's %s: %w", r.name, err)
	}
	r.setLastSyncResourceVersion(resourceVersion)
	r.logger.Debug("listed", "objects", len(items), "resourceVersion", resourceVersion)
	return nil
	// lab:end
}

// watch watches from the last resourceVersion and applies each event to
// the store until the watch ends, an ERROR event arrives, or ctx is done.
// It returns how many events it applied.
func (r *Reflector) watch(ctx context.Context) (int, error) {
	w, err := r.lw.Watch(ctx, metav1.ListOptions{
		ResourceVersion:     r.LastSyncResourceVersion(),
		AllowWatchBookmarks: true,
	})
	if err != nil {
		return 0, fmt.Errorf("watching %s: %w", r.name, err)
	}
	defer w.Stop()

	applied := 0
	for {
		select {
		case <-ctx.Done():
			return applied, ctx.Err()
		case event, ok := <-w.ResultChan():
			if !ok {
				return applied, nil // the server ended the watch; resume it
			}
			if err := r.apply(event); err != nil {
				return applied, err
			}
			applied++
		}
	}
}

// apply applies one watch event to the store and records its
// resourceVersion.
func (r *Reflector) apply(event watch.Event) error {
	// lab:begin reflector-apply
	// hint: an ERROR event carries a metav1.Status: return it as an error
	// hint: (apierrors.FromObject). Otherwise check the object's type against
	// hint: r.expectedType; BOOKMARK only moves the resourceVersion on;
	// hint: ADDED/MODIFIED/DELETED go to r.store.Add/Update/Delete. Then record
	// hint: the object's resourceVersion: the next watch resumes after it.
	if event.Type == watch.Error {
		return fmt.Errorf("watch of %s: %w", r.name, apierrors.FromObject(event.Object))
	}
	if t := reflect.TypeOf(event.Object); t != r.expectedType {
		return fmt.Errorf("watch of %s: got a %v, want a %v", r.name, t, r.expectedType)
	}
	m, err := meta.Accessor(event.Object)
	if err != nil {
		return fmt.Errorf("watch of %s: %w", r.name, err)
	}
	switch event.Type {
	case watch.Added:
		err = r.store.Add(event.Object)
	case watch.Modified:
		err = r.store.Update(event.Object)
	case watch.Deleted:
		err = r.store.Delete(event.Object)
	case watch.Bookmark:
		// No object changed; the server only says how far it has got.
	default:
		err = fmt.Errorf("unknown watch event type %q", event.Type)
	}
	if err != nil {
		return fmt.Errorf("applying a %s event of %s: %w", event.Type, r.name, err)
	}
	if rv := m.GetResourceVersion(); rv != "" { // client-go's fake clientset sends none
		r.setLastSyncResourceVersion(rv)
	}
	return nil
	// lab:end
}

// isGone reports whether err means "the version you asked for is no longer
// available": 410 Gone, or the Expired reason the apiserver gives it.
func isGone(err error) bool {
	if err == nil {
		return false
	}
	var status apierrors.APIStatus
	if errors.As(err, &status) && status.Status().Code == http.StatusGone {
		return true
	}
	return apierrors.IsResourceExpired(err) || apierrors.IsGone(err)
}

// resyncLoop calls the store's Resync every resync period.
func (r *Reflector) resyncLoop(ctx context.Context) {
	for {
		t := r.clock.NewTimer(r.resyncPeriod)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C():
		}
		if err := r.store.Resync(); err != nil {
			r.logger.Error("resync failed", "err", err)
		}
	}
}

// This file teaches the canonical control loop: event handlers turn
// changes into keys on a rate-limited queue; workers pop a key, call sync,
// and on error put the key back with backoff. It mirrors the worker loop of
// client-go's sample-controller and of every kube-controller-manager
// controller.

package controller

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/utils/clock"

	"github.com/kubeling/kubeling/chapters/03-informers/client/cache"
	"github.com/kubeling/kubeling/chapters/03-informers/client/workqueue"
)

// SyncFunc makes the world match the desired state of one object, named by
// its key. It reads from informers' caches and writes only through the
// apiserver. Returning an error requeues the key with backoff.
type SyncFunc func(ctx context.Context, key string) error

// Options configure a Controller; the zero value is usable.
type Options struct {
	// RateLimiter decides retry delays; the default controller rate limiter
	// if nil.
	RateLimiter workqueue.RateLimiter[string]
	// Clock measures delays; the real clock if nil.
	Clock clock.Clock
	// Logger; slog.Default() if nil.
	Logger *slog.Logger
}

// Controller runs a SyncFunc over keys from informers. Watch, Enqueue and
// EnqueueAfter may be called from any goroutine; Run once.
type Controller struct {
	name   string
	sync   SyncFunc
	queue  *workqueue.RateLimitingQueue[string]
	logger *slog.Logger

	mu     sync.Mutex
	synced []cache.InformerSynced
}

// New returns a controller named name (for logs) that calls sync.
func New(name string, sync SyncFunc, opts Options) *Controller {
	if opts.Clock == nil {
		opts.Clock = clock.RealClock{}
	}
	if opts.RateLimiter == nil {
		opts.RateLimiter = workqueue.DefaultControllerRateLimiter[string](opts.Clock)
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return &Controller{
		name:   name,
		sync:   sync,
		queue:  workqueue.NewRateLimitingQueueWithClock(opts.RateLimiter, opts.Clock),
		logger: opts.Logger.With("controller", name),
	}
}

// Watch enqueues the key of every object of informer that is added,
// updated or deleted, and makes Run wait for the informer to sync.
func (c *Controller) Watch(informer *cache.SharedIndexInformer) {
	c.WatchFunc(informer, func(obj any) []string {
		key, err := cache.MetaNamespaceKeyFunc(obj)
		if err != nil {
			return nil
		}
		return []string{key}
	})
}

// WatchFunc is Watch with a choice of keys: on every change of an object
// of informer it enqueues keysFor(obj). The ReplicaSet controller watches
// pods this way and enqueues the key of each pod's owner. obj may be a
// cache.DeletedFinalStateUnknown.
func (c *Controller) WatchFunc(informer *cache.SharedIndexInformer, keysFor func(obj any) []string) {
	enqueue := func(obj any) {
		for _, key := range keysFor(obj) {
			c.queue.Add(key)
		}
	}
	reg := informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj runtime.Object, _ bool) { enqueue(obj) },
		UpdateFunc: func(_, newObj runtime.Object) { enqueue(newObj) },
		DeleteFunc: enqueue,
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	c.synced = append(c.synced, reg.HasSynced)
}

// WaitFor makes Run also wait for synced (an informer this controller
// reads but does not watch).
func (c *Controller) WaitFor(synced ...cache.InformerSynced) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.synced = append(c.synced, synced...)
}

// Enqueue adds key now.
func (c *Controller) Enqueue(key string) { c.queue.Add(key) }

// EnqueueAfter adds key after delay.
func (c *Controller) EnqueueAfter(key string, delay time.Duration) { c.queue.AddAfter(key, delay) }

// Run waits for the caches, then runs workers goroutines until ctx is done.
// It returns an error if the caches never synced.
func (c *Controller) Run(ctx context.Context, workers int) error {
	defer c.queue.ShutDown()
	c.mu.Lock()
	synced := c.synced
	c.mu.Unlock()

	c.logger.Info("waiting for caches to sync")
	if !cache.WaitForCacheSync(ctx, synced...) {
		return fmt.Errorf("controller %s: caches did not sync: %w", c.name, ctx.Err())
	}
	c.logger.Info("starting workers", "workers", workers)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			for c.processNextItem(ctx) {
			}
		})
	}
	<-ctx.Done()
	c.queue.ShutDown() // wakes the workers
	wg.Wait()
	c.logger.Info("stopped")
	return nil
}

// processNextItem takes one key, syncs it and settles its fate. It returns
// false when the queue is shut down.
func (c *Controller) processNextItem(ctx context.Context) bool {
	// TODO(chapter 3): write controller-process.
	// Hint: Get a key (shutdown → return false); Done it when finished, however
	// Hint: it ends. If ctx is done, do not sync. Call c.sync: nil → Forget the
	// Hint: key (its failures are over); a RequeueAfterError → Forget, then
	// Hint: AddAfter its delay; any other error → log it and AddRateLimited.
	panic("TODO(chapter 3): controller-process is not written yet (see chapters/03-informers/README.md)")
}

// RequeueAfterError asks for key to be synced again after a delay, without
// counting a failure: "the Deployment's progress deadline is in 10
// minutes; look again then".
type RequeueAfterError struct {
	After time.Duration
}

func (e *RequeueAfterError) Error() string {
	return fmt.Sprintf("requeue after %v", e.After)
}

// RequeueAfter returns the error a SyncFunc returns to be called again for
// the same key after delay.
func RequeueAfter(delay time.Duration) error {
	return &RequeueAfterError{After: delay}
}

// This file teaches how the garbage collector is put together: monitors
// (informers) feed the graph, the graph's changes put uids on two work
// queues, and workers act on them through the apiserver. It mirrors
// GarbageCollector and its attemptToDelete and attemptToOrphan queues in
// Kubernetes' pkg/controller/garbagecollector/garbagecollector.go.

package garbagecollector

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/sync/errgroup"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/metadata"
	"k8s.io/utils/clock"

	"github.com/kubeling/kubeling/solutions/controller"
)

// Options configure a GarbageCollector; the zero value is usable.
type Options struct {
	// DiscoveryPeriod is how often the served resources are listed again;
	// 30 s (Kubernetes' syncPeriod) if 0.
	DiscoveryPeriod time.Duration
	// Clock; the real clock if nil.
	Clock clock.Clock
	// Logger; slog.Default() if nil.
	Logger *slog.Logger
}

// GarbageCollector deletes objects whose owners are gone. Run it once.
type GarbageCollector struct {
	client    metadata.Interface
	resources ResourcesFunc
	opts      Options
	logger    *slog.Logger
	graph     *graph
	monitors  *monitors
	// attemptToDelete holds uids of objects that may have lost an owner,
	// and of owners deleting their dependents first (foreground).
	attemptToDelete *controller.Controller
	// attemptToOrphan holds uids of owners marked "orphan".
	attemptToOrphan *controller.Controller
}

// New returns a garbage collector that reads and writes through client
// and watches the resources that resources lists.
func New(client metadata.Interface, resources ResourcesFunc, opts Options) *GarbageCollector {
	if opts.DiscoveryPeriod == 0 {
		opts.DiscoveryPeriod = 30 * time.Second
	}
	if opts.Clock == nil {
		opts.Clock = clock.RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	gc := &GarbageCollector{client: client, resources: resources, opts: opts,
		logger: opts.Logger.With("controller", "garbagecollector"), graph: newGraph()}
	loop := controller.Options{Clock: opts.Clock, Logger: opts.Logger}
	gc.attemptToDelete = controller.New("garbagecollector-delete", gc.syncDelete, loop)
	gc.attemptToOrphan = controller.New("garbagecollector-orphan", gc.syncOrphan, loop)
	gc.monitors = newMonitors(gc)
	return gc
}

// Run discovers the resources, starts their monitors, and runs workers
// workers on each queue until ctx is done.
func (gc *GarbageCollector) Run(ctx context.Context, workers int) error {
	synced, err := gc.monitors.sync(ctx)
	if err != nil {
		return fmt.Errorf("garbage collector: first discovery: %w", err)
	}
	gc.attemptToDelete.WaitFor(synced...)
	gc.attemptToOrphan.WaitFor(synced...)
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return gc.attemptToDelete.Run(ctx, workers) })
	g.Go(func() error { return gc.attemptToOrphan.Run(ctx, workers) })
	g.Go(func() error { gc.monitors.resyncEvery(ctx, gc.opts.DiscoveryPeriod); return nil })
	err = g.Wait()
	gc.monitors.wait()
	return err
}

// enqueueDelete and enqueueOrphan put an object on a queue by its uid.
func (gc *GarbageCollector) enqueueDelete(uid types.UID) { gc.attemptToDelete.Enqueue(string(uid)) }
func (gc *GarbageCollector) enqueueOrphan(uid types.UID) { gc.attemptToOrphan.Enqueue(string(uid)) }

// This file teaches how the garbage collector watches every kind at once,
// including ones it was not built with: discovery lists the resources
// that can be listed, watched and deleted, and each gets an informer that
// fetches only metadata (ownerReferences, finalizers, deletionTimestamp),
// which is all the collector reads. Its handlers turn each change into
// graph updates and queued work. It mirrors GraphBuilder's monitors and
// processGraphChanges in Kubernetes' graph_builder.go, and
// GetDeletableResources in garbagecollector.go.

package garbagecollector

import (
	"context"
	"slices"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"

	"github.com/kubeling/kubeling/solutions/client/cache"
)

// Resource is one kind the collector watches.
type Resource struct {
	GVR        schema.GroupVersionResource
	Kind       string
	Namespaced bool
}

// ResourcesFunc lists the resources to watch.
type ResourcesFunc func() ([]Resource, error)

// ignoredResources are never watched: events are many and own nothing.
var ignoredResources = []schema.GroupResource{{Resource: "events"}, {Group: "events.k8s.io", Resource: "events"}}

// DeletableResources lists, through discovery, the preferred version of
// every resource with the verbs list, watch and delete. A group whose
// discovery failed is left out until the next try.
func DeletableResources(d discovery.DiscoveryInterface) ResourcesFunc {
	return func() ([]Resource, error) {
		lists, err := discovery.ServerPreferredResources(d)
		if err != nil && len(lists) == 0 {
			return nil, err
		}
		var out []Resource
		for _, list := range lists {
			gv, _ := schema.ParseGroupVersion(list.GroupVersion)
			for _, r := range list.APIResources {
				if deletable(gv.WithResource(r.Name), r.Verbs) {
					out = append(out, Resource{GVR: gv.WithResource(r.Name), Kind: r.Kind, Namespaced: r.Namespaced})
				}
			}
		}
		return out, nil
	}
}

func deletable(gvr schema.GroupVersionResource, verbs []string) bool {
	return !slices.Contains(ignoredResources, gvr.GroupResource()) &&
		slices.Contains(verbs, "list") && slices.Contains(verbs, "watch") && slices.Contains(verbs, "delete")
}

// monitors are the running informers, one per resource, and the kinds
// they serve (to find an owner's resource from its ownerReference).
type monitors struct {
	gc      *GarbageCollector
	mu      sync.Mutex
	running map[schema.GroupVersionResource]context.CancelFunc
	kinds   map[schema.GroupKind]Resource
	wg      sync.WaitGroup
}

func newMonitors(gc *GarbageCollector) *monitors {
	return &monitors{gc: gc, running: map[schema.GroupVersionResource]context.CancelFunc{}, kinds: map[schema.GroupKind]Resource{}}
}

// sync starts a monitor for each new resource and stops those of resources
// no longer served. It returns the new monitors' HasSynced.
func (m *monitors) sync(ctx context.Context) ([]cache.InformerSynced, error) {
	resources, err := m.gc.resources()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	served := map[schema.GroupVersionResource]bool{}
	var synced []cache.InformerSynced
	for _, r := range resources {
		served[r.GVR] = true
		m.kinds[schema.GroupKind{Group: r.GVR.Group, Kind: r.Kind}] = r
		if m.running[r.GVR] == nil {
			synced = append(synced, m.startLocked(ctx, r.GVR))
		}
	}
	for gvr, stop := range m.running {
		if !served[gvr] {
			stop()
			delete(m.running, gvr)
		}
	}
	return synced, nil
}

// startLocked runs a metadata informer for gvr.
func (m *monitors) startLocked(ctx context.Context, gvr schema.GroupVersionResource) cache.InformerSynced {
	lw := cache.NewListWatch(m.gc.client.Resource(gvr).Namespace(metav1.NamespaceAll), cache.Selectors{})
	informer := cache.NewSharedIndexInformer(lw, &metav1.PartialObjectMetadata{},
		cache.SharedInformerOptions{Name: gvr.String(), Clock: m.gc.opts.Clock, Logger: m.gc.opts.Logger})
	informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj runtime.Object, _ bool) { m.gc.observe(gvr, obj) },
		UpdateFunc: func(_, obj runtime.Object) { m.gc.observe(gvr, obj) },
		DeleteFunc: m.gc.forget,
	})
	ctx, cancel := context.WithCancel(ctx)
	m.running[gvr] = cancel
	m.wg.Go(func() { informer.Run(ctx) })
	return informer.HasSynced
}

// resyncEvery runs sync every period until ctx is done.
func (m *monitors) resyncEvery(ctx context.Context, period time.Duration) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-m.gc.opts.Clock.After(period):
			if _, err := m.sync(ctx); err != nil {
				m.gc.logger.Warn("rediscovering resources failed; keeping the old ones", "err", err)
			}
		}
	}
}

// resourceFor returns the resource of an ownerReference's kind.
func (m *monitors) resourceFor(ref metav1.OwnerReference) (Resource, bool) {
	gv, _ := schema.ParseGroupVersion(ref.APIVersion)
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.kinds[schema.GroupKind{Group: gv.Group, Kind: ref.Kind}]
	return r, ok
}

// wait returns once every monitor has stopped.
func (m *monitors) wait() { m.wg.Wait() }

// observe records an added or updated object and queues what it asks for.
func (gc *GarbageCollector) observe(gvr schema.GroupVersionResource, obj runtime.Object) {
	accessor, ok := obj.(metav1.Object)
	if !ok {
		return
	}
	n := newNode(gvr, accessor)
	old := gc.graph.put(n)
	if gc.graph.hasAbsentOwner(n) {
		gc.enqueueDelete(n.identity.UID) // an owner may be gone: check
	}
	if n.orphaning {
		gc.enqueueOrphan(n.identity.UID)
	}
	if n.deletingDependents {
		gc.enqueueDelete(n.identity.UID)
		for _, d := range gc.graph.dependentsOf(n.identity.UID) {
			gc.enqueueDelete(d.identity.UID)
		}
	}
	if old != nil {
		gc.wakeWaitingOwners(old) // it may have dropped a blocking reference
	}
}

// forget removes a deleted object from the graph: its dependents may now
// be garbage, and an owner waiting for it may now go.
func (gc *GarbageCollector) forget(obj any) {
	if tombstone, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = tombstone.Obj
	}
	accessor, ok := obj.(metav1.Object)
	if !ok {
		return
	}
	old := gc.graph.remove(accessor.GetUID())
	for _, d := range gc.graph.dependentsOf(accessor.GetUID()) {
		gc.enqueueDelete(d.identity.UID)
	}
	if old != nil {
		gc.wakeWaitingOwners(old)
	}
}

// wakeWaitingOwners queues n's owners that delete their dependents first.
func (gc *GarbageCollector) wakeWaitingOwners(n *node) {
	for _, uid := range n.ownerUIDs() {
		if owner := gc.graph.get(uid); owner != nil && owner.deletingDependents {
			gc.enqueueDelete(uid)
		}
	}
}

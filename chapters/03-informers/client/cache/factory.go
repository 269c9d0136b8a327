// This file teaches why informers are shared: a controller-manager runs
// many controllers that all read pods, and one watch of pods (one cache in
// memory) must serve them all. The factory hands out one informer per
// resource type, however many times it is asked. It mirrors
// SharedInformerFactory in client-go (k8s.io/client-go/informers).

package cache

import (
	"context"
	"log/slog"
	"sync"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"
	"k8s.io/utils/clock"
)

// FactoryOptions configure every informer of a factory; the zero value
// watches every namespace without selectors or resync.
type FactoryOptions struct {
	ResyncPeriod time.Duration
	// Namespace limits namespaced types to one namespace ("" for all).
	Namespace string
	// Selectors apply to every list and watch (for example the kubelet's
	// spec.nodeName field selector on a factory used only for pods).
	Selectors Selectors
	Clock     clock.Clock
	Logger    *slog.Logger
}

// SharedInformerFactory creates informers on first request and starts them
// with Start. Safe for concurrent use.
type SharedInformerFactory struct {
	client kubernetes.Interface
	opts   FactoryOptions

	mu        sync.Mutex
	informers map[schema.GroupResource]*SharedIndexInformer
	started   map[schema.GroupResource]bool
	wg        sync.WaitGroup // running informers
}

// NewSharedInformerFactory returns a factory whose informers list and
// watch through client.
func NewSharedInformerFactory(client kubernetes.Interface, opts FactoryOptions) *SharedInformerFactory {
	return &SharedInformerFactory{
		client:    client,
		opts:      opts,
		informers: map[schema.GroupResource]*SharedIndexInformer{},
		started:   map[schema.GroupResource]bool{},
	}
}

// TypedInformer is the shared informer of one type T, with a Lister that
// returns T.
type TypedInformer[T runtime.Object] struct {
	informer *SharedIndexInformer
	resource schema.GroupResource
}

// Informer returns the shared informer, to add handlers or indexes.
func (t TypedInformer[T]) Informer() *SharedIndexInformer { return t.informer }

// Lister reads the informer's cache.
func (t TypedInformer[T]) Lister() Lister[T] {
	return NewLister[T](t.informer.GetIndexer(), t.resource)
}

// informerFor returns the factory's informer for resource, creating it
// with newLW on first use.
func informerFor[T runtime.Object](f *SharedInformerFactory, resource schema.GroupResource, example T, newLW func() ListerWatcher) TypedInformer[T] {
	f.mu.Lock()
	defer f.mu.Unlock()
	inf, ok := f.informers[resource]
	if !ok {
		inf = NewSharedIndexInformer(newLW(), example, SharedInformerOptions{
			Name:         resource.String(),
			ResyncPeriod: f.opts.ResyncPeriod,
			Clock:        f.opts.Clock,
			Logger:       f.opts.Logger,
		})
		f.informers[resource] = inf
	}
	return TypedInformer[T]{informer: inf, resource: resource}
}

// Pods returns the pods informer.
func (f *SharedInformerFactory) Pods() TypedInformer[*corev1.Pod] {
	return informerFor(f, schema.GroupResource{Resource: "pods"}, &corev1.Pod{}, func() ListerWatcher {
		return NewListWatch(f.client.CoreV1().Pods(f.opts.Namespace), f.opts.Selectors)
	})
}

// Nodes returns the nodes informer (cluster-scoped).
func (f *SharedInformerFactory) Nodes() TypedInformer[*corev1.Node] {
	return informerFor(f, schema.GroupResource{Resource: "nodes"}, &corev1.Node{}, func() ListerWatcher {
		return NewListWatch(f.client.CoreV1().Nodes(), f.opts.Selectors)
	})
}

// Namespaces returns the namespaces informer (cluster-scoped).
func (f *SharedInformerFactory) Namespaces() TypedInformer[*corev1.Namespace] {
	return informerFor(f, schema.GroupResource{Resource: "namespaces"}, &corev1.Namespace{}, func() ListerWatcher {
		return NewListWatch(f.client.CoreV1().Namespaces(), f.opts.Selectors)
	})
}

// Services returns the services informer.
func (f *SharedInformerFactory) Services() TypedInformer[*corev1.Service] {
	return informerFor(f, schema.GroupResource{Resource: "services"}, &corev1.Service{}, func() ListerWatcher {
		return NewListWatch(f.client.CoreV1().Services(f.opts.Namespace), f.opts.Selectors)
	})
}

// Endpoints returns the endpoints informer.
func (f *SharedInformerFactory) Endpoints() TypedInformer[*corev1.Endpoints] {
	return informerFor(f, schema.GroupResource{Resource: "endpoints"}, &corev1.Endpoints{}, func() ListerWatcher {
		return NewListWatch(f.client.CoreV1().Endpoints(f.opts.Namespace), f.opts.Selectors)
	})
}

// Events returns the (core/v1) events informer.
func (f *SharedInformerFactory) Events() TypedInformer[*corev1.Event] {
	return informerFor(f, schema.GroupResource{Resource: "events"}, &corev1.Event{}, func() ListerWatcher {
		return NewListWatch(f.client.CoreV1().Events(f.opts.Namespace), f.opts.Selectors)
	})
}

// Deployments returns the deployments informer.
func (f *SharedInformerFactory) Deployments() TypedInformer[*appsv1.Deployment] {
	return informerFor(f, schema.GroupResource{Group: "apps", Resource: "deployments"}, &appsv1.Deployment{}, func() ListerWatcher {
		return NewListWatch(f.client.AppsV1().Deployments(f.opts.Namespace), f.opts.Selectors)
	})
}

// ReplicaSets returns the replicasets informer.
func (f *SharedInformerFactory) ReplicaSets() TypedInformer[*appsv1.ReplicaSet] {
	return informerFor(f, schema.GroupResource{Group: "apps", Resource: "replicasets"}, &appsv1.ReplicaSet{}, func() ListerWatcher {
		return NewListWatch(f.client.AppsV1().ReplicaSets(f.opts.Namespace), f.opts.Selectors)
	})
}

// ReplicationControllers returns the replicationcontrollers informer.
func (f *SharedInformerFactory) ReplicationControllers() TypedInformer[*corev1.ReplicationController] {
	return informerFor(f, schema.GroupResource{Resource: "replicationcontrollers"}, &corev1.ReplicationController{}, func() ListerWatcher {
		return NewListWatch(f.client.CoreV1().ReplicationControllers(f.opts.Namespace), f.opts.Selectors)
	})
}

// Start runs every informer requested so far that is not running yet,
// until ctx is done. Call it again after requesting more informers.
func (f *SharedInformerFactory) Start(ctx context.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for resource, inf := range f.informers {
		if f.started[resource] {
			continue
		}
		f.started[resource] = true
		f.wg.Go(func() { inf.Run(ctx) })
	}
}

// WaitForCacheSync waits until every started informer has synced, and
// reports whether they did before ctx was done.
func (f *SharedInformerFactory) WaitForCacheSync(ctx context.Context) bool {
	f.mu.Lock()
	var synced []InformerSynced
	for resource, inf := range f.informers {
		if f.started[resource] {
			synced = append(synced, inf.HasSynced)
		}
	}
	f.mu.Unlock()
	return WaitForCacheSync(ctx, synced...)
}

// Shutdown waits for the informers to stop; cancel Start's ctx first.
func (f *SharedInformerFactory) Shutdown() {
	f.wg.Wait()
}

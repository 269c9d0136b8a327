// This file teaches the informer's only contact with the apiserver: a list
// (GET /api/v1/pods) and a watch from a resourceVersion
// (GET /api/v1/pods?watch=true&resourceVersion=N). It mirrors ListWatch in
// client-go; the HTTP itself is client-go's clientset.

package cache

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
)

// ListerWatcher lists and watches one resource type, in one namespace or
// all ("").
type ListerWatcher interface {
	// List returns a list object (a *corev1.PodList, ...) whose
	// resourceVersion says which version of the cluster it shows.
	List(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error)
	// Watch streams the changes after opts.ResourceVersion.
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
}

// Selectors narrow what a ListerWatcher sees, as `kubectl get -l` and
// `--field-selector` do. The kubelet, for example, watches only the pods
// bound to it: Field "spec.nodeName=node-01".
type Selectors struct {
	Label string
	Field string
}

// ResourceClient is what a clientset offers for one resource:
// clientset.CoreV1().Pods("default") is a ResourceClient[*corev1.PodList].
type ResourceClient[L runtime.Object] interface {
	List(ctx context.Context, opts metav1.ListOptions) (L, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
}

// ListWatch is a ListerWatcher over one ResourceClient that applies the
// same selectors to every list and watch.
type ListWatch[L runtime.Object] struct {
	client    ResourceClient[L]
	selectors Selectors
}

// NewListWatch returns a ListerWatcher over client, for example
//
//	cache.NewListWatch(clientset.CoreV1().Pods(""), cache.Selectors{})
func NewListWatch[L runtime.Object](client ResourceClient[L], selectors Selectors) *ListWatch[L] {
	return &ListWatch[L]{client: client, selectors: selectors}
}

func (lw *ListWatch[L]) List(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error) {
	opts.LabelSelector, opts.FieldSelector = lw.selectors.Label, lw.selectors.Field
	return lw.client.List(ctx, opts)
}

func (lw *ListWatch[L]) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	opts.LabelSelector, opts.FieldSelector = lw.selectors.Label, lw.selectors.Field
	return lw.client.Watch(ctx, opts)
}

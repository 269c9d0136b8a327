// This file teaches what deleting a namespace sets in motion. A DELETE only
// marks the namespace: it turns Terminating, and its spec.finalizers hold
// "kubernetes". A controller then deletes everything in it, resource by
// resource, and once nothing is left removes that finalizer through the
// finalize subresource, which lets the namespace go. In Kubernetes the
// namespace controller runs in kube-controller-manager. The teaching
// cluster has no controller manager before chapter 05, so the apiserver
// runs this small one itself, as kube-apiserver runs its own bootstrap
// controllers (the `kubernetes` Service's among them); it reads and writes
// through the same stores as every request.

package apiserver

import (
	"context"
	"log/slog"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

// namespaceRetryInterval is how soon a terminating namespace that still
// has content (a pod in its grace period, an object with a finalizer) is
// looked at again.
const namespaceRetryInterval = time.Second

// namespaceController empties terminating namespaces. It is run by one
// goroutine.
type namespaceController struct {
	namespaces *registry.Store
	// contents are the stores of every namespaced resource kept under its
	// own keys (not the converted views, such as events.k8s.io Events,
	// whose objects another store holds).
	contents []*registry.Store
	log      *slog.Logger
}

// newNamespaceController empties namespaces through the store of
// Namespaces, looking for their content in stores.
func newNamespaceController(namespaces *registry.Store, stores []*registry.Store, log *slog.Logger) *namespaceController {
	c := &namespaceController{namespaces: namespaces, log: log}
	for _, s := range stores {
		if r := s.Resource(); r.Namespaced && !r.CreateOnly && r.Conversion == nil {
			c.contents = append(c.contents, s)
		}
	}
	return c
}

// run empties namespaces as they start terminating, until ctx ends. A
// watch of all namespaces says when (its first events are the namespaces
// that exist, so one left terminating by a previous apiserver is found
// too); a namespace that still has content is tried again every
// namespaceRetryInterval.
func (c *namespaceController) run(ctx context.Context) {
	pending := map[string]bool{}
	retry := time.NewTicker(namespaceRetryInterval)
	defer retry.Stop()
	var w *registry.Watcher
	defer func() {
		if w != nil {
			w.Stop()
		}
	}()
	for {
		var events <-chan watch.Event
		if w == nil {
			all, _ := c.namespaces.NewPredicate("", "")
			var err error
			if w, err = c.namespaces.Watch(ctx, "", all, registry.WatchOptions{}); err != nil {
				c.log.Error("watching namespaces", "err", err)
			}
		}
		if w != nil {
			events = w.ResultChan()
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok { // the watch ended: start another
				w.Stop()
				w = nil
				continue
			}
			if ns, isNamespace := ev.Object.(*corev1.Namespace); isNamespace && ev.Type != watch.Deleted && ns.DeletionTimestamp != nil {
				pending[ns.Name] = true
			}
		case <-retry.C:
		}
		for name := range pending {
			if c.sync(ctx, name) {
				delete(pending, name)
			}
		}
	}
}

// sync deletes what namespace name holds and, when nothing is left, lets
// the namespace go. It reports whether the namespace needs nothing more.
func (c *namespaceController) sync(ctx context.Context, name string) (done bool) {
	defer func() {
		// A bug (or a TODO not written yet) must fail this sync, not end
		// the apiserver: no HTTP filter recovers a panic on this goroutine.
		if p := recover(); p != nil {
			c.log.Error("emptying a namespace panicked", "namespace", name, "panic", p)
			done = false
		}
	}()
	obj, err := c.namespaces.Get(ctx, "", name)
	if apierrors.IsNotFound(err) {
		return true
	}
	if err != nil {
		c.log.Error("reading a terminating namespace", "namespace", name, "err", err)
		return false
	}
	ns := obj.(*corev1.Namespace)
	if ns.DeletionTimestamp == nil || !slices.Contains(ns.Spec.Finalizers, corev1.FinalizerKubernetes) {
		return true // not terminating, or not ours to finalize any more
	}
	left := 0
	for _, store := range c.contents {
		n, err := c.deleteContent(ctx, store, name)
		if err != nil {
			c.log.Error("deleting the content of a terminating namespace", "namespace", name,
				"resource", store.Resource().GroupResource().String(), "err", err)
			return false
		}
		left += n
	}
	if left > 0 {
		return false // pods still stopping, finalizers still held: look again later
	}
	_, err = c.namespaces.Update(ctx, "", name, removeKubernetesFinalizer, registry.UpdateOptions{Subresource: "finalize"})
	if err != nil && !apierrors.IsNotFound(err) {
		c.log.Error("finalizing a namespace", "namespace", name, "err", err)
		return false
	}
	return true
}

// deleteContent deletes every object of store in namespace (with the
// default grace period, and in the background, as the namespace controller
// does: no object waits for the garbage collector) and returns how many
// are still there.
func (c *namespaceController) deleteContent(ctx context.Context, store *registry.Store, namespace string) (int, error) {
	all, err := store.NewPredicate("", "")
	if err != nil {
		return 0, err
	}
	background := metav1.DeletePropagationBackground
	if _, err := store.DeleteCollection(ctx, namespace, all, &metav1.DeleteOptions{PropagationPolicy: &background}); err != nil {
		return 0, err
	}
	list, err := store.List(ctx, namespace, all, registry.ListOptions{})
	if err != nil {
		return 0, err
	}
	return meta.LenList(list), nil
}

// removeKubernetesFinalizer is the finalize write: the namespace without
// the "kubernetes" finalizer, whose removal the store turns into the
// namespace's deletion once no other finalizer is left.
func removeKubernetesFinalizer(_ context.Context, current runtime.Object) (runtime.Object, error) {
	ns := current.(*corev1.Namespace)
	ns.Spec.Finalizers = slices.DeleteFunc(ns.Spec.Finalizers, func(f corev1.FinalizerName) bool {
		return f == corev1.FinalizerKubernetes
	})
	return ns, nil
}

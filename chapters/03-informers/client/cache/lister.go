// This file teaches the read side of the cache that controllers use:
// "get pod default/nginx", "list the pods in default with app=nginx",
// answered from memory without a request to the apiserver. It mirrors the
// generated listers of client-go (one generic type here instead of one
// generated type per resource).

package cache

import (
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Lister reads objects of type T (e.g. *corev1.Pod) from an Indexer. The
// objects it returns are the cache's own: never modify them; DeepCopy
// first. Safe for concurrent use.
type Lister[T runtime.Object] struct {
	indexer  Indexer
	resource schema.GroupResource // for NotFound errors
}

// NewLister returns a Lister over indexer; resource names the type in
// errors, e.g. {Resource: "pods"}.
func NewLister[T runtime.Object](indexer Indexer, resource schema.GroupResource) Lister[T] {
	return Lister[T]{indexer: indexer, resource: resource}
}

// List returns the objects, in every namespace, whose labels match
// selector (labels.Everything() for all).
func (l Lister[T]) List(selector labels.Selector) ([]T, error) {
	return filter[T](l.indexer.List(), selector)
}

// Get returns the cluster-scoped object name, or a NotFound error.
func (l Lister[T]) Get(name string) (T, error) {
	return l.getByKey(name, name)
}

// Namespace narrows the lister to one namespace.
func (l Lister[T]) Namespace(namespace string) NamespaceLister[T] {
	return NamespaceLister[T]{l: l, namespace: namespace}
}

func (l Lister[T]) getByKey(key, name string) (T, error) {
	var zero T
	obj, ok, err := l.indexer.GetByKey(key)
	if err != nil {
		return zero, err
	}
	if !ok {
		return zero, apierrors.NewNotFound(l.resource, name)
	}
	typed, ok := obj.(T)
	if !ok {
		return zero, fmt.Errorf("cache holds a %T under %q, want a %T", obj, key, zero)
	}
	return typed, nil
}

// NamespaceLister reads the objects of one namespace, through the
// namespace index.
type NamespaceLister[T runtime.Object] struct {
	l         Lister[T]
	namespace string
}

// List returns the objects of the namespace whose labels match selector.
func (n NamespaceLister[T]) List(selector labels.Selector) ([]T, error) {
	objs, err := n.l.indexer.ByIndex(NamespaceIndex, n.namespace)
	if err != nil {
		return nil, err
	}
	return filter[T](objs, selector)
}

// Get returns the object name of the namespace, or a NotFound error.
func (n NamespaceLister[T]) Get(name string) (T, error) {
	return n.l.getByKey(n.namespace+"/"+name, name)
}

// filter keeps the objects whose labels match selector.
func filter[T runtime.Object](objs []runtime.Object, selector labels.Selector) ([]T, error) {
	out := make([]T, 0, len(objs))
	for _, obj := range objs {
		m, err := meta.Accessor(obj)
		if err != nil {
			return nil, err
		}
		if !selector.Matches(labels.Set(m.GetLabels())) {
			continue
		}
		typed, ok := obj.(T)
		if !ok {
			var zero T
			return nil, fmt.Errorf("cache holds a %T, want a %T", obj, zero)
		}
		out = append(out, typed)
	}
	return out, nil
}

// This file teaches secondary indexes: besides looking an object up by its
// key, components ask "which pods are in namespace default?" or "which pods
// are bound to node-01?" thousands of times a second. An index answers in
// time proportional to the answer, not to the cache. It mirrors Indexers in
// client-go.

package cache

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
)

// IndexFunc computes the values under which obj is indexed. An object may
// have several (a pod indexed by every volume it mounts) or none.
type IndexFunc func(obj runtime.Object) ([]string, error)

// Indexers names index functions: "namespace" → MetaNamespaceIndexFunc.
type Indexers map[string]IndexFunc

// index maps one indexed value to the keys of the objects that have it.
type index map[string]map[string]struct{}

const (
	// NamespaceIndex indexes objects by namespace. Every informer has it.
	NamespaceIndex = "namespace"
	// PodNodeNameIndex indexes pods by spec.nodeName: the scheduler sums the
	// requests of the pods on a node, the kubelet finds its own pods.
	PodNodeNameIndex = "spec.nodeName"
)

// MetaNamespaceIndexFunc indexes an object by its namespace.
func MetaNamespaceIndexFunc(obj runtime.Object) ([]string, error) {
	m, err := meta.Accessor(obj)
	if err != nil {
		return nil, fmt.Errorf("indexing %T by namespace: %w", obj, err)
	}
	return []string{m.GetNamespace()}, nil
}

// PodNodeNameIndexFunc indexes a pod by the node it is bound to. Pods not
// yet scheduled are not in the index.
func PodNodeNameIndexFunc(obj runtime.Object) ([]string, error) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return nil, fmt.Errorf("indexing by node name: %T is not a pod", obj)
	}
	if pod.Spec.NodeName == "" {
		return nil, nil
	}
	return []string{pod.Spec.NodeName}, nil
}

// This file teaches how the cache names objects: by "<namespace>/<name>",
// or just "<name>" for cluster-scoped objects such as Nodes. The same key is
// what controllers put in their work queue. It mirrors
// MetaNamespaceKeyFunc in client-go.

package cache

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/api/meta"
)

// MetaNamespaceKeyFunc returns the key of obj: "<namespace>/<name>", or
// "<name>" when obj has no namespace. A DeletedFinalStateUnknown returns
// the key it carries, so that handlers can key deletes of either shape.
func MetaNamespaceKeyFunc(obj any) (string, error) {
	if tomb, ok := obj.(DeletedFinalStateUnknown); ok {
		return tomb.Key, nil
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return "", fmt.Errorf("computing the key of %T: %w", obj, err)
	}
	if m.GetNamespace() == "" {
		return m.GetName(), nil
	}
	return m.GetNamespace() + "/" + m.GetName(), nil
}

// SplitMetaNamespaceKey splits a key made by MetaNamespaceKeyFunc.
func SplitMetaNamespaceKey(key string) (namespace, name string, err error) {
	parts := strings.Split(key, "/")
	switch len(parts) {
	case 1:
		return "", parts[0], nil
	case 2:
		return parts[0], parts[1], nil
	}
	return "", "", fmt.Errorf("unexpected key format: %q", key)
}

// This file teaches what is actually written to etcd: the object as JSON,
// with apiVersion and kind so that `etcdctl get` shows what it is, and
// without metadata.resourceVersion, because the version of a stored value
// is the storage revision of the write that stored it. Reading sets it back
// from that revision. Real Kubernetes stores protobuf (prefixed "k8s\0"),
// which is smaller and faster but unreadable by eye.

package registry

import (
	"encoding/json"
	"fmt"
	"strconv"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
)

// encode returns obj as stored: JSON with its kind and no resourceVersion.
// It sets obj's apiVersion and kind. Unless the resource converts objects
// for storage, it also blanks obj's resourceVersion while marshalling and
// puts it back, so no other goroutine may read obj meanwhile.
func (s *Store) encode(obj runtime.Object) ([]byte, error) {
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return nil, err
	}
	obj.GetObjectKind().SetGroupVersionKind(s.resource.GroupVersionKind())
	stored := obj
	if c := s.resource.Conversion; c != nil {
		stored = c.ToStorage(obj)
	}
	storedMeta, err := meta.Accessor(stored)
	if err != nil {
		return nil, err
	}
	rv := storedMeta.GetResourceVersion()
	storedMeta.SetResourceVersion("")
	data, err := json.Marshal(stored)
	storedMeta.SetResourceVersion(rv)
	if err != nil {
		return nil, fmt.Errorf("encoding %s %q for storage: %w", s.resource.Kind, accessor.GetName(), err)
	}
	return data, nil
}

// decode reads a stored value and sets its resourceVersion to rv.
func (s *Store) decode(data []byte, rv int64) (runtime.Object, error) {
	newStored := s.resource.New
	if c := s.resource.Conversion; c != nil {
		newStored = c.StorageNew
	}
	obj := newStored()
	if err := json.Unmarshal(data, obj); err != nil {
		return nil, fmt.Errorf("decoding stored %s: %w", s.resource.Kind, err)
	}
	if c := s.resource.Conversion; c != nil {
		obj = c.FromStorage(obj)
	}
	obj.GetObjectKind().SetGroupVersionKind(s.resource.GroupVersionKind())
	if err := setResourceVersion(obj, rv); err != nil {
		return nil, err
	}
	return obj, nil
}

func setResourceVersion(obj runtime.Object, rv int64) error {
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return err
	}
	accessor.SetResourceVersion(strconv.FormatInt(rv, 10))
	return nil
}

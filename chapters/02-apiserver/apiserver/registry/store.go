// This file teaches the generic REST store: one type that serves get,
// list, create, update, delete and watch for every resource, parameterised
// by a Resource description. Kubernetes has the same design
// (genericregistry.Store), which is why all its resources behave alike.

package registry

import (
	"context"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/clock"

	"github.com/kubeling/kubeling/solutions/storage"
)

// Checks are the admission steps every write goes through before storage:
// defaulting fills fields the client left out, validation refuses invalid
// objects with 422. The zero value does neither.
type Checks struct {
	Default        func(obj runtime.Object)
	ValidateCreate func(obj runtime.Object) field.ErrorList
	ValidateUpdate func(obj, old runtime.Object) field.ErrorList
}

// Options configure a Store.
type Options struct {
	Storage storage.Interface
	Checks  Checks
	// Clock stamps creationTimestamp and deletionTimestamp; nil means the
	// real clock. Tests pass a fake one.
	Clock clock.PassiveClock
}

// Store serves one resource from storage. It is safe for concurrent use.
type Store struct {
	resource *Resource
	storage  storage.Interface
	checks   Checks
	clock    clock.PassiveClock
}

// NewStore returns the store of resource r.
func NewStore(r *Resource, opts Options) *Store {
	c := opts.Clock
	if c == nil {
		c = clock.RealClock{}
	}
	return &Store{resource: r, storage: opts.Storage, checks: opts.Checks, clock: c}
}

// Resource returns the resource the store serves.
func (s *Store) Resource() *Resource { return s.resource }

// key returns the storage key of one object. Cluster-scoped objects ignore
// the namespace.
func (s *Store) key(namespace, name string) string {
	if !s.resource.Namespaced {
		namespace = ""
	}
	return storage.Key(s.resource.Name, namespace, name)
}

// listPrefix returns the storage prefix of a namespace ("" for all).
func (s *Store) listPrefix(namespace string) string {
	if !s.resource.Namespaced {
		namespace = ""
	}
	return storage.ListPrefix(s.resource.Name, namespace)
}

// Get returns one object, or 404 NotFound.
func (s *Store) Get(ctx context.Context, namespace, name string) (runtime.Object, error) {
	kv, err := s.storage.Get(ctx, s.key(namespace, name))
	if err != nil {
		return nil, StorageError(err, s.resource.GroupResource(), name)
	}
	obj, err := s.decode(kv.Value, kv.ResourceVersion)
	if err != nil {
		return nil, apierrors.NewInternalError(err) // a value this Store cannot read
	}
	return obj, nil
}

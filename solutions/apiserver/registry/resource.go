// This file teaches what the apiserver must know about a resource to serve
// it: its name in URLs and in storage, its kind, whether it lives in a
// namespace, and the few rules that differ between resources. In
// Kubernetes these facts are spread over the API types, the discovery
// document and each resource's "strategy"; here they are one struct.

package registry

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Resource describes one served resource. It is read-only after the
// catalogue builds it.
type Resource struct {
	// GroupVersion and Name make the URL: /apis/apps/v1/.../deployments.
	GroupVersion schema.GroupVersion
	// Name is the plural resource name ("deployments"); it is also the
	// storage key segment, /registry/deployments/<ns>/<name>.
	Name         string
	SingularName string
	Kind         string
	Namespaced   bool
	// ShortNames and Categories are advertised in discovery: kubectl
	// expands "deploy" and "all" with them.
	ShortNames []string
	Categories []string
	// Subresources served besides the main resource: "status", "scale",
	// "binding", "finalize".
	Subresources []string
	// TracksGeneration: metadata.generation starts at 1 and grows by one
	// on every change to spec, so that controllers can report which spec
	// they have acted on (status.observedGeneration).
	TracksGeneration bool
	// ReturnDeletedObject: a DELETE answers with the object rather than a
	// Status (true for pods, services and namespaces in Kubernetes).
	ReturnDeletedObject bool
	// CreateOnly: the resource is a question asked with a POST and
	// answered in the response (TokenReview, SubjectAccessReview); nothing
	// is stored, and create is its only verb.
	CreateOnly bool
	// AllowCreateOnUpdate: a PUT to a name that does not exist creates it
	// (true for endpoints, events, services and leases in Kubernetes).
	AllowCreateOnUpdate bool

	// New returns an empty object of the resource's type; NewList an empty
	// list (PodList...).
	New     func() runtime.Object
	NewList func() runtime.Object

	// PrepareForCreate clears what a client may not set when creating, such
	// as status. Nil means nothing to clear.
	PrepareForCreate func(obj runtime.Object)
	// PrepareForStatusUpdate keeps, on a write to the status subresource,
	// what the resource protects besides spec (a Deployment its labels, a
	// Pod its ownerReferences). Nil means spec only.
	PrepareForStatusUpdate func(obj, old runtime.Object)
	// PrepareForUpdate keeps, on a write to the main resource, what only a
	// subresource may change (a Namespace's spec.finalizers, which only
	// /finalize writes). Nil means the general rules alone.
	PrepareForUpdate func(obj, old runtime.Object)
	// SelectableFields returns the fields a fieldSelector may test beyond
	// metadata.name and metadata.namespace. Nil means only those two.
	SelectableFields func(obj runtime.Object) fields.Set
	// SpecFinalizers returns what holds a deleted object back besides
	// metadata.finalizers: a Namespace's spec.finalizers, which the
	// namespace controller clears once the namespace is empty. Nil: none.
	SpecFinalizers func(obj runtime.Object) []string
	// PrepareForDelete changes an object as it is marked for deletion (a
	// Namespace's phase becomes Terminating). Nil: nothing.
	PrepareForDelete func(obj runtime.Object)
	// GracePeriod returns how many seconds a DELETE waits before the object
	// is removed (0: at once). Nil means always 0. Only pods wait.
	GracePeriod func(obj runtime.Object, opts *metav1.DeleteOptions) int64
	// DefaultGarbageCollectionPolicy is what a DELETE naming no
	// propagationPolicy does to the objects' dependents; the zero value
	// deletes them in the background (propagation.go).
	DefaultGarbageCollectionPolicy GarbageCollectionPolicy
	// Conversion, when set, stores the resource's objects as another type
	// (events.k8s.io/v1 Events are stored as core/v1 Events).
	Conversion *Conversion
}

// GroupVersionKind returns the kind of the resource's objects.
func (r *Resource) GroupVersionKind() schema.GroupVersionKind {
	return r.GroupVersion.WithKind(r.Kind)
}

// GroupVersionResource names the resource in its API group and version.
func (r *Resource) GroupVersionResource() schema.GroupVersionResource {
	return r.GroupVersion.WithResource(r.Name)
}

// GroupResource is the name errors use: "deployments.apps", "pods".
func (r *Resource) GroupResource() schema.GroupResource {
	return schema.GroupResource{Group: r.GroupVersion.Group, Resource: r.Name}
}

// HasSubresource reports whether sub is served for this resource.
func (r *Resource) HasSubresource(sub string) bool {
	for _, s := range r.Subresources {
		if s == sub {
			return true
		}
	}
	return false
}

// Conversion translates a resource's objects to and from the type they
// are stored as: one stored object served in two shapes, as Kubernetes
// serves every resource in several versions (events.k8s.io/v1 Events are
// stored as core/v1 Events; package registry/resources has the examples).
type Conversion struct {
	// StorageNew returns an empty object of the stored type.
	StorageNew func() runtime.Object
	ToStorage  func(obj runtime.Object) runtime.Object
	// FromStorage converts a stored object to the served type.
	FromStorage func(stored runtime.Object) runtime.Object
}

// Package registry turns the storage layer's keys and bytes into Kubernetes
// objects: it is the apiserver's generic REST store, one Store per served
// resource. It mirrors k8s.io/apiserver/pkg/registry/generic/registry.Store
// with the strategies of k8s.io/kubernetes/pkg/registry, cut down.
//
// A Store promises:
//
//   - Objects are kept as JSON under storage.Key(resource, namespace, name),
//     without metadata.resourceVersion: the version is the storage revision,
//     set on every object read back (real Kubernetes keeps protobuf; JSON
//     keeps `etcdctl get` readable).
//   - The server owns uid, creationTimestamp, generation, deletionTimestamp
//     and resourceVersion; what a client sends for them is ignored or
//     refused, never stored.
//   - An update that names a resourceVersion lands only on that version
//     (409 Conflict otherwise); one that names none is retried until it lands.
//   - Status is written only through the status subresource, and the main
//     resource's writes never change it; generation counts spec changes.
//   - Deletion is graceful where Kubernetes makes it so (a pod bound to a
//     node) and waits for finalizers; the last finalizer removed by an update
//     deletes the object.
//   - A DELETE's propagationPolicy (or orphanDependents, or else the
//     resource's DefaultGarbageCollectionPolicy) becomes the garbage
//     collector's "orphan" or "foregroundDeletion" finalizer; a second
//     DELETE may swap or drop it.
//   - Every error is an *errors.StatusError (k8s.io/apimachinery/pkg/api/errors)
//     with the reason and code Kubernetes uses.
//
// A Store is safe for concurrent use; it holds no state besides its
// configuration, all state lives in storage.
package registry

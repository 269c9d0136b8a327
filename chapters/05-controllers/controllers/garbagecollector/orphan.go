// This file teaches orphaning: an owner deleted with propagationPolicy
// Orphan (kubectl --cascade=orphan) is marked "orphan"; the collector
// removes the owner's reference from every dependent, and then the
// finalizer, so the owner goes and its dependents stay, owned by nobody
// (a ReplicaSet with the same selector may adopt them). It mirrors
// attemptToOrphanWorker and orphanDependents in Kubernetes'
// garbagecollector.go.

package garbagecollector

import (
	"context"
)

// syncOrphan is the attemptToOrphan worker's sync: key is an owner's uid.
func (gc *GarbageCollector) syncOrphan(ctx context.Context, key string) error {
	// TODO(chapter 5): write orphan.
	// Hint: the owner may be gone, or no longer ask to orphan (node.orphaning): then there is nothing to do
	// Hint: remove the owner's reference, and only its, from every dependent in the graph; stop at the first error, so the key is retried
	// Hint: the "orphan" finalizer goes last: once it is removed the owner is deleted, and a dependent still naming it would be collected with it
	panic("TODO(chapter 5): orphan is not written yet (see chapters/05-controllers/README.md)")
}

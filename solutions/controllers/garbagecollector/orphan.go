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
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// syncOrphan is the attemptToOrphan worker's sync: key is an owner's uid.
func (gc *GarbageCollector) syncOrphan(ctx context.Context, key string) error {
	// lab:begin orphan
	// hint: the owner may be gone, or no longer ask to orphan (node.orphaning): then there is nothing to do
	// hint: remove the owner's reference, and only its, from every dependent in the graph; stop at the first error, so the key is retried
	// hint: the "orphan" finalizer goes last: once it is removed the owner is deleted, and a dependent still naming it would be collected with it
	owner := gc.graph.get(types.UID(key))
	if owner == nil || !owner.orphaning {
		return nil // gone, or no longer asking
	}
	for _, d := range gc.graph.dependentsOf(owner.identity.UID) {
		if err := gc.removeOwnerReferences(ctx, d.identity, []types.UID{owner.identity.UID}); err != nil {
			return fmt.Errorf("orphaning %s: %w", describe(d.identity), err)
		}
	}
	gc.logger.Info("dependents orphaned; letting the owner go", "owner", describe(owner.identity))
	return gc.removeFinalizer(ctx, owner.identity, metav1.FinalizerOrphanDependents)
	// lab:end
}

// This file teaches foreground deletion: an owner marked
// "foregroundDeletion" stays (deletionTimestamp set) while any dependent
// that blocks it (ownerReference with blockOwnerDeletion: true) is left.
// The collector deletes those dependents, is woken as each one goes, and
// removes the finalizer once none is left, which lets the owner go last.
// Whoever waits for the owner to disappear knows its dependents are gone.
// It mirrors processDeletingDependentsItem in Kubernetes'
// garbagecollector.go.

package garbagecollector

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// processDeletingDependents deletes owner's blocking dependents, or, with
// none left, removes its "foregroundDeletion" finalizer.
func (gc *GarbageCollector) processDeletingDependents(ctx context.Context, owner *node) error {
	// lab:begin foreground
	// hint: only dependents whose reference to this owner has blockOwnerDeletion: true (node.blocks) hold it; the others are left to the usual collection
	// hint: while any blocking dependent is left, the finalizer stays: whoever waits for the owner to go counts on its dependents having gone first
	// hint: queue each blocking dependent not already being deleted for deletion; a terminating one is waited for, and its going wakes the owner again
	// hint: none left: remove the "foregroundDeletion" finalizer, and the owner goes last
	var blocking []*node
	for _, d := range gc.graph.dependentsOf(owner.identity.UID) {
		if d.blocks(owner.identity.UID) {
			blocking = append(blocking, d)
		}
	}
	if len(blocking) == 0 {
		gc.logger.Info("no blocking dependents left; letting the owner go", "owner", describe(owner.identity))
		return gc.removeFinalizer(ctx, owner.identity, metav1.FinalizerDeleteDependents)
	}
	for _, d := range blocking {
		if !d.beingDeleted {
			gc.enqueueDelete(d.identity.UID) // its owner waits: it is deleted
		}
	}
	return nil // woken again as each one goes (forget, observe)
	// lab:end
}

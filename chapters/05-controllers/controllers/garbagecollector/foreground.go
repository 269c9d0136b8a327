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
)

// processDeletingDependents deletes owner's blocking dependents, or, with
// none left, removes its "foregroundDeletion" finalizer.
func (gc *GarbageCollector) processDeletingDependents(ctx context.Context, owner *node) error {
	// TODO(chapter 5): write foreground.
	// Hint: only dependents whose reference to this owner has blockOwnerDeletion: true (node.blocks) hold it; the others are left to the usual collection
	// Hint: while any blocking dependent is left, the finalizer stays: whoever waits for the owner to go counts on its dependents having gone first
	// Hint: queue each blocking dependent not already being deleted for deletion; a terminating one is waited for, and its going wakes the owner again
	// Hint: none left: remove the "foregroundDeletion" finalizer, and the owner goes last
	panic("TODO(chapter 5): foreground is not written yet (see chapters/05-controllers/README.md)")
}

// This file teaches the attemptToDelete worker: an object that may have
// lost an owner is looked at as the apiserver has it now, and each owner
// it names is asked for by a live GET. Owners that answer 404, or answer
// with another uid (deleted and made again under the same name), are
// absent. None left: the object is garbage and is deleted. Some left: only
// the references to the absent ones are removed. It mirrors
// attemptToDeleteItem and classifyReferences in Kubernetes'
// garbagecollector.go.

package garbagecollector

import (
	"context"
	"fmt"
	"slices"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// syncDelete is the attemptToDelete worker's sync: key is a uid.
func (gc *GarbageCollector) syncDelete(ctx context.Context, key string) error {
	n := gc.graph.get(types.UID(key))
	if n == nil {
		return nil // deleted meanwhile: its dependents were queued then
	}
	if n.deletingDependents {
		return gc.processDeletingDependents(ctx, n)
	}
	latest, err := gc.getLive(ctx, n.identity)
	if err != nil || latest == nil {
		return err // gone (nil): nothing to do
	}
	if latest.DeletionTimestamp != nil || len(latest.OwnerReferences) == 0 {
		return nil // already going, or owned by nobody
	}
	return gc.collect(ctx, n, latest)
}

// owners sorts an object's ownerReferences by what became of each owner.
type owners struct {
	solid   []metav1.OwnerReference // present, and not waiting for dependents
	absent  []metav1.OwnerReference // 404, or another uid under that name
	waiting []metav1.OwnerReference // being deleted in the foreground
}

// collect deletes latest, or drops its references to absent owners.
func (gc *GarbageCollector) collect(ctx context.Context, n *node, latest *metav1.PartialObjectMetadata) error {
	// lab:begin collect
	// hint: classify the owners first (gc.classify): each one is asked for by a live GET, never taken from the graph, which may lag
	// hint: one solid owner is reason enough to live: then only the references to absent (or waiting) owners are removed, and the solid ones kept intact
	// hint: no solid owner left: the object is garbage; delete it (gc.deleteObject) with its uid as precondition, keeping the policy its own finalizers ask for
	// hint: an owner waiting in the foreground, for an object with dependents of its own: delete it in the foreground too, so they go first
	o, err := gc.classify(ctx, latest)
	if err != nil {
		return err
	}
	switch {
	case len(o.solid) > 0:
		drop := append(o.absent, o.waiting...)
		if len(drop) == 0 {
			return nil
		}
		gc.logger.Info("removing references to absent owners", "object", describe(n.identity), "owners", uidsOf(drop))
		return gc.removeOwnerReferences(ctx, n.identity, uidsOf(drop))
	case len(o.waiting) > 0 && len(gc.graph.dependentsOf(n.identity.UID)) > 0:
		// An owner waits for it, and it has dependents of its own: they go
		// first, so delete it in the foreground as well.
		return gc.deleteObject(ctx, n.identity, metav1.DeletePropagationForeground)
	default:
		return gc.deleteObject(ctx, n.identity, policyFromFinalizers(latest.Finalizers))
	}
	// lab:end
}

// classify asks the apiserver for every owner latest names.
func (gc *GarbageCollector) classify(ctx context.Context, latest *metav1.PartialObjectMetadata) (owners, error) {
	var o owners
	for _, ref := range latest.OwnerReferences {
		owner, err := gc.getOwner(ctx, latest.Namespace, ref)
		switch {
		case err != nil:
			return owners{}, err
		case owner == nil:
			o.absent = append(o.absent, ref)
		case owner.DeletionTimestamp != nil && slices.Contains(owner.Finalizers, metav1.FinalizerDeleteDependents):
			o.waiting = append(o.waiting, ref)
		default:
			o.solid = append(o.solid, ref)
		}
	}
	return o, nil
}

// getOwner GETs the owner ref names, in namespace if its kind is
// namespaced; nil if it is absent.
func (gc *GarbageCollector) getOwner(ctx context.Context, namespace string, ref metav1.OwnerReference) (*metav1.PartialObjectMetadata, error) {
	r, ok := gc.monitors.resourceFor(ref)
	if !ok {
		return nil, fmt.Errorf("owner %s %s: kind not served (yet?)", ref.APIVersion, ref.Kind)
	}
	if !r.Namespaced {
		namespace = ""
	}
	return gc.getLive(ctx, objectReference{Resource: r.GVR, Namespace: namespace, Name: ref.Name, UID: ref.UID})
}

// policyFromFinalizers keeps what a garbage object's own finalizers ask
// for its dependents; Background otherwise.
func policyFromFinalizers(finalizers []string) metav1.DeletionPropagation {
	switch {
	case slices.Contains(finalizers, metav1.FinalizerOrphanDependents):
		return metav1.DeletePropagationOrphan
	case slices.Contains(finalizers, metav1.FinalizerDeleteDependents):
		return metav1.DeletePropagationForeground
	}
	return metav1.DeletePropagationBackground
}

func uidsOf(refs []metav1.OwnerReference) []types.UID {
	uids := make([]types.UID, 0, len(refs))
	for _, r := range refs {
		uids = append(uids, r.UID)
	}
	return uids
}

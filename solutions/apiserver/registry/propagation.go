// This file teaches how a DELETE says what becomes of an object's
// dependents (the pods of a ReplicaSet): its propagationPolicy (or the
// deprecated orphanDependents) is recorded as a finalizer that the garbage
// collector acts on. "orphan": keep the dependents, drop their references
// to the owner, then let the owner go. "foregroundDeletion": delete the
// blocking dependents first, the owner last. Background: the owner goes at
// once, the collector deletes the dependents afterwards. A DELETE that says
// nothing keeps what the object's finalizers already ask for, else the
// resource's default. It mirrors shouldOrphanDependents,
// shouldDeleteDependentsInForeground and deletionFinalizersForGarbageCollection
// in k8s.io/apiserver's generic store, and each strategy's
// DefaultGarbageCollectionPolicy in Kubernetes v1.37.

package registry

import (
	"slices"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// GarbageCollectionPolicy is what a DELETE that names no policy does to
// the dependents of a resource's objects.
type GarbageCollectionPolicy string

const (
	// DeleteDependents, the zero value: the garbage collector deletes
	// them, in the background.
	DeleteDependents GarbageCollectionPolicy = ""
	// OrphanDependents: they are kept, without their reference to the
	// owner (core/v1 ReplicationControllers and batch/v1 Jobs, for
	// compatibility with clients older than the garbage collector).
	OrphanDependents GarbageCollectionPolicy = "OrphanDependents"
	// Unsupported: a DELETE never waits for the garbage collector
	// (Events, which nothing owns).
	Unsupported GarbageCollectionPolicy = "Unsupported"
)

// gcFinalizers returns the finalizers an object should have once opts
// deletes it, and whether they differ from the ones it has: the "orphan"
// and "foregroundDeletion" finalizers are swapped, added or removed as the
// request asks; any other finalizer is kept.
func (s *Store) gcFinalizers(finalizers []string, opts *metav1.DeleteOptions) ([]string, bool) {
	want := s.propagation(finalizers, opts)
	var out []string
	for _, f := range finalizers {
		if f != FinalizerOrphanDependents && f != FinalizerDeleteDependents {
			out = append(out, f)
		}
	}
	switch want {
	case metav1.DeletePropagationOrphan:
		out = append(out, FinalizerOrphanDependents)
	case metav1.DeletePropagationForeground:
		out = append(out, FinalizerDeleteDependents)
	}
	if sameSet(out, finalizers) {
		return finalizers, false
	}
	return out, true
}

// propagation decides how the dependents go. The first that speaks wins:
// the request (orphanDependents, then propagationPolicy), the object's own
// finalizers, the resource's default.
func (s *Store) propagation(finalizers []string, opts *metav1.DeleteOptions) metav1.DeletionPropagation {
	if s.resource.DefaultGarbageCollectionPolicy == Unsupported {
		return metav1.DeletePropagationBackground
	}
	//nolint:staticcheck // the deprecated field is still honoured
	if orphan := opts.OrphanDependents; orphan != nil {
		if *orphan {
			return metav1.DeletePropagationOrphan
		}
		return metav1.DeletePropagationBackground
	}
	if opts.PropagationPolicy != nil {
		return *opts.PropagationPolicy
	}
	for _, f := range finalizers {
		switch f {
		case FinalizerOrphanDependents:
			return metav1.DeletePropagationOrphan
		case FinalizerDeleteDependents:
			return metav1.DeletePropagationForeground
		}
	}
	if s.resource.DefaultGarbageCollectionPolicy == OrphanDependents {
		return metav1.DeletePropagationOrphan
	}
	return metav1.DeletePropagationBackground
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

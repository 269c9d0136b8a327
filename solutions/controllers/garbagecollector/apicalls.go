// This file teaches the collector's writes, each safe against a cache that
// is behind: a GET that checks the uid (a new object of the same name is
// another object), a DELETE with the uid as a precondition, and merge
// patches that name the resourceVersion they were computed from, so a
// change made meanwhile makes them fail (409) and be retried rather than
// undo it. It mirrors operations.go and patch.go in Kubernetes'
// pkg/controller/garbagecollector (which also uses JSON merge patches,
// as strategic merge does not work on custom resources).

package garbagecollector

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// getLive GETs the object ref names; nil if it is gone or has another uid.
func (gc *GarbageCollector) getLive(ctx context.Context, ref objectReference) (*metav1.PartialObjectMetadata, error) {
	// lab:begin get-live
	// hint: ask the apiserver itself (gc.client), not the graph: the cache may not have seen an object that exists, and deleting on its word wipes dependents
	// hint: a 404 means the object is gone: that is an answer (nil, nil), not an error to retry
	// hint: an object of the same name with another uid was deleted and made again: the one ref names is gone too
	// hint: any other error is unknown, not absence: return it, so the key is retried rather than a dependent deleted on a guess
	obj, err := gc.client.Resource(ref.Resource).Namespace(ref.Namespace).Get(ctx, ref.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("getting %s: %w", describe(ref), err)
	}
	if obj.UID != ref.UID {
		return nil, nil
	}
	return obj, nil
	// lab:end
}

// deleteObject deletes the object ref names, only if its uid still is
// ref's, with policy for its own dependents.
func (gc *GarbageCollector) deleteObject(ctx context.Context, ref objectReference, policy metav1.DeletionPropagation) error {
	gc.logger.Info("deleting an object whose owners are gone", "object", describe(ref), "propagationPolicy", policy)
	err := gc.client.Resource(ref.Resource).Namespace(ref.Namespace).Delete(ctx, ref.Name, metav1.DeleteOptions{
		Preconditions: &metav1.Preconditions{UID: &ref.UID}, PropagationPolicy: &policy})
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil // gone, or the name is another object's now (the uid precondition failed)
	}
	return err
}

// removeOwnerReferences drops the references to owners from ref's object.
func (gc *GarbageCollector) removeOwnerReferences(ctx context.Context, ref objectReference, owners []types.UID) error {
	return gc.patchMetadata(ctx, ref, func(m *metav1.PartialObjectMetadata) (string, any, bool) {
		kept := slices.DeleteFunc(slices.Clone(m.OwnerReferences), func(o metav1.OwnerReference) bool {
			return slices.Contains(owners, o.UID)
		})
		return "ownerReferences", nilIfEmpty(kept), len(kept) != len(m.OwnerReferences)
	})
}

// removeFinalizer drops finalizer from ref's object.
func (gc *GarbageCollector) removeFinalizer(ctx context.Context, ref objectReference, finalizer string) error {
	return gc.patchMetadata(ctx, ref, func(m *metav1.PartialObjectMetadata) (string, any, bool) {
		kept := slices.DeleteFunc(slices.Clone(m.Finalizers), func(f string) bool { return f == finalizer })
		return "finalizers", nilIfEmpty(kept), len(kept) != len(m.Finalizers)
	})
}

// patchMetadata reads ref's object, asks change for one metadata field's
// new value, and merge-patches it with the resourceVersion it read. An
// object gone, or no change needed, is success.
func (gc *GarbageCollector) patchMetadata(ctx context.Context, ref objectReference,
	change func(*metav1.PartialObjectMetadata) (field string, value any, changed bool)) error {
	latest, err := gc.getLive(ctx, ref)
	if err != nil || latest == nil {
		return err
	}
	field, value, changed := change(latest)
	if !changed {
		return nil
	}
	patch, _ := json.Marshal(map[string]any{"metadata": map[string]any{
		"resourceVersion": latest.ResourceVersion, field: value}})
	_, err = gc.client.Resource(ref.Resource).Namespace(ref.Namespace).Patch(ctx, ref.Name, types.MergePatchType, patch, metav1.PatchOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err // a 409 (changed since read) is retried by the queue
}

// nilIfEmpty makes an empty list JSON null: a merge patch removes the field.
func nilIfEmpty[T any](list []T) any {
	if len(list) == 0 {
		return nil
	}
	return list
}

// describe names an object in logs: "pods default/web-abc12".
func describe(ref objectReference) string {
	if ref.Namespace == "" {
		return ref.Resource.Resource + " " + ref.Name
	}
	return ref.Resource.Resource + " " + ref.Namespace + "/" + ref.Name
}

// This file teaches that deleting an object is often a process, not an
// event. An object with finalizers is only marked (deletionTimestamp set)
// until whoever owns each finalizer removes it; a pod running on a node is
// given a grace period for its containers to stop, and the kubelet removes
// it when they have. Only then does the key leave storage, and watchers see
// DELETED. It mirrors Store.Delete, rest.BeforeDelete and the pod
// strategy's graceful deletion in Kubernetes.

package registry

import (
	"context"
	"fmt"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/storage"
)

// The finalizers through which a propagationPolicy asks the garbage
// collector (chapter 05) to orphan or delete dependents first.
const (
	FinalizerOrphanDependents = metav1.FinalizerOrphanDependents // "orphan"
	FinalizerDeleteDependents = metav1.FinalizerDeleteDependents // "foregroundDeletion"
)

// Delete deletes the object called name, or starts to. It returns the
// object as last stored and whether it is gone from storage (false: it is
// now marked for deletion and waits for finalizers or a grace period).
func (s *Store) Delete(ctx context.Context, namespace, name string, opts *metav1.DeleteOptions) (runtime.Object, bool, error) {
	if opts == nil {
		opts = &metav1.DeleteOptions{}
	}
	key := s.key(namespace, name)
	for {
		kv, err := s.storage.Get(ctx, key)
		if err != nil {
			return nil, false, StorageError(err, s.resource.GroupResource(), name)
		}
		current, err := s.decode(kv.Value, kv.ResourceVersion)
		if err != nil {
			return nil, false, apierrors.NewInternalError(err)
		}
		if err := s.checkDeletePreconditions(current, opts.Preconditions); err != nil {
			return nil, false, err
		}

		obj, wait := s.markForDeletion(current, opts)
		if !wait && len(s.specFinalizers(current)) > 0 {
			// Nothing in its metadata holds it, but its spec does (a
			// Namespace's "kubernetes" finalizer): mark it and keep it.
			obj, wait = s.markHeld(current)
		}
		if wait && obj != nil && s.resource.PrepareForDelete != nil {
			s.resource.PrepareForDelete(obj) // a Namespace turns Terminating
		}
		if wait {
			if obj == nil {
				return current, false, nil // already marked, nothing to change
			}
			data, err := s.encode(obj)
			if err != nil {
				return nil, false, apierrors.NewInternalError(err)
			}
			rv, err := s.storage.Update(ctx, key, data, kv.ResourceVersion)
			if storage.IsConflict(err) {
				continue // changed since we read it: decide again
			}
			if err != nil {
				return nil, false, StorageError(err, s.resource.GroupResource(), name)
			}
			_ = setResourceVersion(obj, rv)
			return obj, false, nil
		}

		last, err := s.storage.Delete(ctx, key, kv.ResourceVersion)
		if storage.IsConflict(err) {
			continue
		}
		if err != nil {
			return nil, false, StorageError(err, s.resource.GroupResource(), name)
		}
		deleted, err := s.decode(last.Value, last.ResourceVersion)
		if err != nil {
			return nil, false, apierrors.NewInternalError(err)
		}
		return deleted, true, nil
	}
}

// markForDeletion decides how current is deleted. wait is false when it
// can go now. When it must wait, obj is current marked as being deleted, or
// nil if current was already marked that way.
func (s *Store) markForDeletion(current runtime.Object, opts *metav1.DeleteOptions) (obj runtime.Object, wait bool) {
	// lab:begin graceful-delete
	// hint: Deleting is a process when something must happen first: a pod's containers need time to
	// hint: stop (its grace period; no other resource has one) and finalizers name work others must
	// hint: finish. Until then the object is only marked, with when it will be gone and the grace it
	// hint: was given, and kept. A second delete may shorten the wait, never lengthen it. The
	// hint: garbage collector's finalizers come from s.gcFinalizers (a change to them must be
	// hint: stored too). With nothing to wait for, the object is deleted at once.
	var grace int64
	if s.resource.GracePeriod != nil {
		grace = s.resource.GracePeriod(current, opts)
	}
	obj = current.DeepCopyObject()
	accessor, _ := meta.Accessor(obj)

	// The garbage collector's finalizers, as the request's propagation
	// policy asks (propagation.go): added, swapped or removed.
	finalizers, changed := s.gcFinalizers(accessor.GetFinalizers(), opts)
	accessor.SetFinalizers(finalizers)

	if len(finalizers) == 0 && grace == 0 {
		return nil, false
	}
	if previous := accessor.GetDeletionGracePeriodSeconds(); previous == nil || grace < *previous {
		// First deletion, or a second one that shortens the wait.
		when := metav1.NewTime(s.clock.Now().Add(time.Duration(grace) * time.Second))
		accessor.SetDeletionTimestamp(&when)
		accessor.SetDeletionGracePeriodSeconds(&grace)
		changed = true
	}
	if !changed {
		return nil, true
	}
	return obj, true
	// lab:end
}

// specFinalizers returns what holds obj back besides metadata.finalizers.
func (s *Store) specFinalizers(obj runtime.Object) []string {
	if s.resource.SpecFinalizers == nil {
		return nil
	}
	return s.resource.SpecFinalizers(obj)
}

// markHeld marks current as being deleted, with no grace period, or
// returns nil if it already is. Kubernetes marks a Namespace so.
func (s *Store) markHeld(current runtime.Object) (obj runtime.Object, wait bool) {
	accessor, err := meta.Accessor(current)
	if err != nil || accessor.GetDeletionTimestamp() != nil {
		return nil, true
	}
	obj = current.DeepCopyObject()
	accessor, _ = meta.Accessor(obj)
	now := metav1.NewTime(s.clock.Now())
	accessor.SetDeletionTimestamp(&now)
	return obj, true
}

// checkDeletePreconditions refuses the delete (409) if the client asked for
// a uid or resourceVersion the object no longer has.
func (s *Store) checkDeletePreconditions(obj runtime.Object, pre *metav1.Preconditions) error {
	if pre == nil {
		return nil
	}
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return apierrors.NewInternalError(err)
	}
	if pre.UID != nil && *pre.UID != accessor.GetUID() {
		return apierrors.NewConflict(s.resource.GroupResource(), accessor.GetName(),
			fmt.Errorf("Precondition failed: UID in precondition: %v, UID in object meta: %v", *pre.UID, accessor.GetUID()))
	}
	if pre.ResourceVersion != nil && *pre.ResourceVersion != accessor.GetResourceVersion() {
		return apierrors.NewConflict(s.resource.GroupResource(), accessor.GetName(),
			fmt.Errorf("Precondition failed: ResourceVersion in precondition: %v, ResourceVersion in object meta: %v",
				*pre.ResourceVersion, accessor.GetResourceVersion()))
	}
	return nil
}

// DeleteCollection deletes every object of namespace that pred selects and
// returns them (a list of the resource's type).
func (s *Store) DeleteCollection(ctx context.Context, namespace string, pred Predicate, opts *metav1.DeleteOptions) (runtime.Object, error) {
	list, err := s.List(ctx, namespace, pred, ListOptions{})
	if err != nil {
		return nil, err
	}
	items, err := meta.ExtractList(list)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	deleted := make([]runtime.Object, 0, len(items))
	for _, item := range items {
		accessor, _ := meta.Accessor(item)
		obj, _, err := s.Delete(ctx, accessor.GetNamespace(), accessor.GetName(), opts)
		if apierrors.IsNotFound(err) {
			continue // someone else deleted it meanwhile
		}
		if err != nil {
			return nil, err
		}
		deleted = append(deleted, obj)
	}
	if err := meta.SetList(list, deleted); err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	return list, nil
}

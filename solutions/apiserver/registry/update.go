// This file teaches optimistic concurrency as clients see it. An update
// that carries metadata.resourceVersion says "I read version N; apply my
// change only if nobody wrote since" and gets 409 Conflict otherwise, so
// that two writers never silently overwrite each other. An update that
// carries no version is applied to whatever is stored, retrying until it
// lands. It also teaches which fields an update cannot touch: the server's
// metadata, and the other half of the spec/status split.
// It mirrors Store.Update and rest.BeforeUpdate in k8s.io/apiserver.

package registry

import (
	"context"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/storage"
)

// TransformFunc computes the object to store from the one stored now (a
// copy the function may change). A PUT returns the body it received; a
// PATCH applies the patch to current; the scale subresource sets replicas.
// It may be called more than once, so it must not have side effects.
type TransformFunc func(ctx context.Context, current runtime.Object) (runtime.Object, error)

// UpdateOptions say which part of an object an update may change.
type UpdateOptions struct {
	// Subresource is "" for the main resource, whose updates keep the stored
	// status; "status", whose updates change only status; or another
	// subresource (scale, binding) that changes what its TransformFunc sets.
	Subresource string
	// DryRun runs every step but the storage write.
	DryRun bool
	// SkipValidation is for the server's own writes that validation would
	// refuse from a user (binding sets spec.nodeName of an existing pod).
	SkipValidation bool
}

// Update replaces the object called name with what transform returns.
func (s *Store) Update(ctx context.Context, namespace, name string, transform TransformFunc, opts UpdateOptions) (runtime.Object, error) {
	key := s.key(namespace, name)
	if opts.DryRun {
		current, err := s.Get(ctx, namespace, name)
		if err != nil {
			return nil, err
		}
		obj, err := s.updatedObject(ctx, current, transform, opts)
		if err != nil {
			return nil, StorageError(err, s.resource.GroupResource(), name) // as the stored path does
		}
		return obj, nil
	}

	var updated runtime.Object
	kv, err := storage.GuaranteedUpdate(ctx, s.storage, key, func(current storage.KeyValue) ([]byte, error) {
		old, err := s.decode(current.Value, current.ResourceVersion)
		if err != nil {
			return nil, err
		}
		obj, err := s.updatedObject(ctx, old, transform, opts)
		if err != nil {
			return nil, err
		}
		updated = obj
		return s.encode(obj)
	})
	if err != nil {
		return nil, StorageError(err, s.resource.GroupResource(), name)
	}
	if err := setResourceVersion(updated, kv.ResourceVersion); err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	if s.finalized(updated) {
		// The last finalizer of an object being deleted is gone: finish the
		// deletion, as Kubernetes does on such an update.
		deleted, err := s.storage.Delete(ctx, key, kv.ResourceVersion)
		if err != nil && !storage.IsNotFound(err) {
			return nil, StorageError(err, s.resource.GroupResource(), name)
		}
		if err == nil {
			_ = setResourceVersion(updated, deleted.ResourceVersion)
		}
	}
	return updated, nil
}

// updatedObject runs transform on a copy of old and applies the update rules.
func (s *Store) updatedObject(ctx context.Context, old runtime.Object, transform TransformFunc, opts UpdateOptions) (runtime.Object, error) {
	obj, err := transform(ctx, old.DeepCopyObject())
	if err != nil {
		return nil, err
	}
	obj, err = s.prepareForUpdate(obj, old, opts.Subresource)
	if err != nil {
		return nil, err
	}
	if s.resource.PrepareForUpdate != nil && opts.Subresource == "" {
		s.resource.PrepareForUpdate(obj, old)
	}
	if s.checks.Default != nil && opts.Subresource == "" {
		s.checks.Default(obj)
	}
	if s.checks.ValidateUpdate != nil && !opts.SkipValidation {
		if errs := s.checks.ValidateUpdate(obj, old); len(errs) > 0 {
			accessor, _ := meta.Accessor(obj)
			return nil, apierrors.NewInvalid(s.resource.GroupVersionKind().GroupKind(), accessor.GetName(), errs)
		}
	}
	return obj, nil
}

// prepareForUpdate checks obj against old, the stored object it replaces,
// and returns what to store.
func (s *Store) prepareForUpdate(obj, old runtime.Object, subresource string) (runtime.Object, error) {
	// lab:begin update-precondition
	// hint: An update replaces the object, but the server checks it first: a resourceVersion other
	// hint: than the stored one means the client's read is stale (409 Conflict, with the optimistic-
	// hint: lock sentence); a name or namespace other than the URL's is a 400. Fields the server
	// hint: owns (uid, creation and deletion times, generation) are kept from the stored object. The
	// hint: object and its status subresource each change only their own half, so that a kubelet and
	// hint: a user cannot undo each other's writes; generation counts spec changes.
	newMeta, err := meta.Accessor(obj)
	if err != nil {
		return nil, apierrors.NewBadRequest(err.Error())
	}
	oldMeta, err := meta.Accessor(old)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	if newMeta.GetName() != oldMeta.GetName() {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)",
			newMeta.GetName(), oldMeta.GetName()))
	}
	if s.resource.Namespaced && newMeta.GetNamespace() != "" && newMeta.GetNamespace() != oldMeta.GetNamespace() {
		return nil, apierrors.NewBadRequest("the namespace of the provided object does not match the namespace sent on the request")
	}
	if rv := newMeta.GetResourceVersion(); rv != "" && rv != oldMeta.GetResourceVersion() {
		return nil, apierrors.NewConflict(s.resource.GroupResource(), oldMeta.GetName(), fmt.Errorf("%s", optimisticLockMessage))
	}
	if uid := newMeta.GetUID(); uid != "" && uid != oldMeta.GetUID() {
		return nil, apierrors.NewConflict(s.resource.GroupResource(), oldMeta.GetName(),
			fmt.Errorf("Precondition failed: UID in precondition: %v, UID in object meta: %v", uid, oldMeta.GetUID()))
	}

	switch subresource {
	case "status":
		// A status write changes status and metadata, never spec: every
		// status strategy of Kubernetes sets new.Spec = old.Spec (and a
		// few keep more, such as a Deployment's labels).
		copySpec(obj, old)
		if s.resource.PrepareForStatusUpdate != nil {
			s.resource.PrepareForStatusUpdate(obj, old)
		}
	case "binding":
		// Binding sets spec.nodeName and the PodScheduled condition: the
		// server's own write to both halves.
	default:
		copyStatus(obj, old)
	}
	newMeta.SetNamespace(oldMeta.GetNamespace())
	newMeta.SetUID(oldMeta.GetUID())
	newMeta.SetCreationTimestamp(oldMeta.GetCreationTimestamp())
	newMeta.SetDeletionTimestamp(oldMeta.GetDeletionTimestamp())
	newMeta.SetDeletionGracePeriodSeconds(oldMeta.GetDeletionGracePeriodSeconds())
	newMeta.SetGeneration(oldMeta.GetGeneration())
	if s.resource.TracksGeneration && specChanged(obj, old) {
		newMeta.SetGeneration(oldMeta.GetGeneration() + 1)
	}
	newMeta.SetResourceVersion(oldMeta.GetResourceVersion())
	return obj, nil
	// lab:end
}

// finalized reports whether obj is being deleted and nothing holds it back
// any more: no finalizers (in metadata, or in spec for a Namespace) and no
// grace period left to wait.
func (s *Store) finalized(obj runtime.Object) bool {
	accessor, err := meta.Accessor(obj)
	if err != nil || accessor.GetDeletionTimestamp() == nil || len(accessor.GetFinalizers()) > 0 ||
		len(s.specFinalizers(obj)) > 0 {
		return false
	}
	grace := accessor.GetDeletionGracePeriodSeconds()
	return grace == nil || *grace == 0
}

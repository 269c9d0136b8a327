// This file teaches what the apiserver adds to an object it creates: the
// namespace from the URL, a name from generateName, and the fields only the
// server may set (uid, creationTimestamp, generation). Then defaulting and
// validation run, and storage refuses the key if it is taken (409
// AlreadyExists). It mirrors rest.BeforeCreate and Store.Create.

package registry

import (
	"context"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	utilrand "k8s.io/apimachinery/pkg/util/rand"
	"k8s.io/apimachinery/pkg/util/uuid"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// generatedNameAttempts is how often Create picks a new random suffix when
// a generated name is taken (Kubernetes retries a few times too).
const generatedNameAttempts = 5

// generatedSuffixLength and maxGenerateNameBase mirror Kubernetes' simple
// name generator: 5 random characters after at most 58 of the prefix, so a
// generated name fits in 63.
const (
	generatedSuffixLength = 5
	maxGenerateNameBase   = 63 - generatedSuffixLength
)

// CreateOptions modify a Create.
type CreateOptions struct {
	// DryRun runs every step but the storage write.
	DryRun bool
}

// Create stores a new object in namespace (ignored for cluster-scoped
// resources) and returns it as stored.
func (s *Store) Create(ctx context.Context, namespace string, obj runtime.Object, opts CreateOptions) (runtime.Object, error) {
	if s.checks.Default != nil {
		s.checks.Default(obj)
	}
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return nil, apierrors.NewBadRequest(err.Error())
	}
	generated := accessor.GetName() == "" && accessor.GetGenerateName() != ""
	for attempt := 1; ; attempt++ {
		if err := s.prepareForCreate(obj, namespace); err != nil {
			return nil, err
		}
		if s.checks.ValidateCreate != nil {
			if errs := s.checks.ValidateCreate(obj); len(errs) > 0 {
				return nil, apierrors.NewInvalid(s.resource.GroupVersionKind().GroupKind(), accessor.GetName(), errs)
			}
		}
		if opts.DryRun {
			return obj, nil
		}
		data, err := s.encode(obj)
		if err != nil {
			return nil, apierrors.NewInternalError(err)
		}
		rv, err := s.storage.Create(ctx, s.key(accessor.GetNamespace(), accessor.GetName()), data)
		if err != nil && generated && attempt < generatedNameAttempts && apierrors.IsAlreadyExists(StorageError(err, s.resource.GroupResource(), "")) {
			accessor.SetName("") // pick another suffix
			continue
		}
		if err != nil {
			return nil, StorageError(err, s.resource.GroupResource(), accessor.GetName())
		}
		if err := setResourceVersion(obj, rv); err != nil {
			return nil, apierrors.NewInternalError(err)
		}
		return obj, nil
	}
}

// prepareForCreate sets the metadata the server owns on a new object.
func (s *Store) prepareForCreate(obj runtime.Object, namespace string) error {
	// lab:begin object-metadata
	// hint: The server, not the client, owns an object's identity and history: it sets the uid, the
	// hint: creation time and, for resources that count spec changes, generation 1; a create that
	// hint: names a resourceVersion is refused (400), because it is not an update. The namespace
	// hint: comes from the URL when the body has none, and the two must agree; cluster-scoped
	// hint: objects have none. generateName asks the server for a unique name. Then the resource
	// hint: prepares its own fields (a pod's status starts Pending).
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return apierrors.NewBadRequest(err.Error())
	}
	if !s.resource.Namespaced {
		accessor.SetNamespace("")
	} else if accessor.GetNamespace() == "" {
		accessor.SetNamespace(namespace)
	} else if accessor.GetNamespace() != namespace {
		return apierrors.NewBadRequest("the namespace of the provided object does not match the namespace sent on the request")
	}
	if accessor.GetResourceVersion() != "" {
		return apierrors.NewBadRequest("resourceVersion should not be set on objects to be created")
	}
	if accessor.GetName() == "" && accessor.GetGenerateName() != "" {
		base := accessor.GetGenerateName()
		if len(base) > maxGenerateNameBase {
			base = base[:maxGenerateNameBase]
		}
		accessor.SetName(base + utilrand.String(generatedSuffixLength))
	}
	if accessor.GetName() == "" {
		return apierrors.NewInvalid(s.resource.GroupVersionKind().GroupKind(), "", field.ErrorList{
			field.Required(field.NewPath("metadata", "name"), "name or generateName is required"),
		})
	}
	accessor.SetUID(uuid.NewUUID())
	accessor.SetCreationTimestamp(metav1.NewTime(s.clock.Now()))
	accessor.SetDeletionTimestamp(nil)
	accessor.SetDeletionGracePeriodSeconds(nil)
	accessor.SetGeneration(0)
	if s.resource.TracksGeneration {
		accessor.SetGeneration(1)
	}
	if s.resource.PrepareForCreate != nil {
		s.resource.PrepareForCreate(obj)
	}
	return nil
	// lab:end
}

// describe names an object in messages: `pods "web-1"`.
func (s *Store) describe(name string) string {
	return fmt.Sprintf("%s %q", s.resource.GroupResource(), name)
}

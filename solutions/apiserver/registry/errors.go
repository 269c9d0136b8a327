// This file teaches how a storage failure becomes an HTTP answer: every
// storage error code has exactly one Kubernetes Status (reason and code),
// and clients act on those (client-go retries a 409 Conflict after a new
// read, and relists after a 410 Gone). It mirrors interpretStorageError in
// k8s.io/apiserver/pkg/registry/generic/registry.

package registry

import (
	"context"
	"errors"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/storage"
)

// optimisticLockMessage is the sentence kubectl users know from a 409.
const optimisticLockMessage = "the object has been modified; please apply your changes to the latest version and try again"

// StorageError maps err, returned by storage while working on the object
// called name of resource gr, to the Status a client receives. Errors that
// already are API errors pass through unchanged.
func StorageError(err error, gr schema.GroupResource, name string) error {
	// lab:begin status-mapping
	// hint: Clients act on a Status's reason, not its words: client-go retries a Conflict after a
	// hint: fresh read, lists again after 410 Expired, and gives up on a 400. So each storage error
	// hint: code has exactly one Status, Kubernetes' own: NotFound, AlreadyExists, Conflict (with
	// hint: the optimistic-lock sentence), Expired for a compacted resourceVersion, BadRequest for a
	// hint: request that cannot be served as asked (a forged continue token), Timeout for a
	// hint: deadline. An error that already is a Status passes through; anything else is a 500.
	var status apierrors.APIStatus
	var storageErr *storage.StorageError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &status):
		return err
	case storage.IsNotFound(err):
		return apierrors.NewNotFound(gr, name)
	case storage.IsKeyExists(err):
		return apierrors.NewAlreadyExists(gr, name)
	case storage.IsConflict(err):
		return apierrors.NewConflict(gr, name, errors.New(optimisticLockMessage))
	case storage.IsTooOld(err) && errors.As(err, &storageErr):
		return apierrors.NewResourceExpired(fmt.Sprintf("too old resource version: %d (%d)",
			storageErr.ResourceVersion, storageErr.CompactedRV))
	case storage.IsInvalid(err) && errors.As(err, &storageErr):
		return apierrors.NewBadRequest(storageErr.Message)
	case errors.Is(err, context.DeadlineExceeded):
		return apierrors.NewTimeoutError(fmt.Sprintf("request did not complete in time: %v", err), 0)
	}
	return apierrors.NewInternalError(err)
	// lab:end
}

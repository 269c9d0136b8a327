// This file teaches how a storage failure becomes an HTTP answer: every
// storage error code has exactly one Kubernetes Status (reason and code),
// and clients act on those (client-go retries a 409 Conflict after a new
// read, and relists after a 410 Gone). It mirrors interpretStorageError in
// k8s.io/apiserver/pkg/registry/generic/registry.

package registry

import (
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// optimisticLockMessage is the sentence kubectl users know from a 409.
const optimisticLockMessage = "the object has been modified; please apply your changes to the latest version and try again"

// StorageError maps err, returned by storage while working on the object
// called name of resource gr, to the Status a client receives. Errors that
// already are API errors pass through unchanged.
func StorageError(err error, gr schema.GroupResource, name string) error {
	// TODO(chapter 2): write status-mapping.
	// Hint: Clients act on a Status's reason, not its words: client-go retries a Conflict after a
	// Hint: fresh read, lists again after 410 Expired, and gives up on a 400. So each storage error
	// Hint: code has exactly one Status, Kubernetes' own: NotFound, AlreadyExists, Conflict (with
	// Hint: the optimistic-lock sentence), Expired for a compacted resourceVersion, BadRequest for a
	// Hint: request that cannot be served as asked (a forged continue token), Timeout for a
	// Hint: deadline. An error that already is a Status passes through; anything else is a 500.
	panic("TODO(chapter 2): status-mapping is not written yet (see chapters/02-apiserver/README.md)")
}
